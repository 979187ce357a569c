import type { EKSClient } from "@aws-sdk/client-eks";
import * as eksApi from "../aws/eks.ts";
import { EKS_LIMITS } from "../constants.ts";
import { diffAssociation } from "../drift/diff-association.ts";
import { PermanentError, RetryableError } from "../errors.ts";
import type { DesiredState, GrantIdentity } from "../grant/desired-state.ts";
import { ownsAssociation } from "../grant/ownership.ts";
import { sha256 } from "../policy/canonical.ts";
import { type DecisionLog, type StepAction, silentLog } from "./types.ts";

export interface EnsureAssociationResult {
  associationId: string;
  associationArn: string;
  action: StepAction;
  changes: string[];
}

/**
 * The same execution asking twice sends the same token, and EKS answers with the association it
 * already made; a different execution (or desired state) sends a different one.
 */
export function clientRequestToken(executionId: string, desired: DesiredState): string {
  return sha256(`${executionId}|${desired.identity.grantId}|${desired.hash}`).slice(
    0,
    EKS_LIMITS.clientRequestTokenLength,
  );
}

function specOf(desired: DesiredState): eksApi.AssociationSpec {
  const { identity, association } = desired;
  return {
    cluster: identity.cluster,
    namespace: identity.namespace,
    serviceAccount: identity.serviceAccount,
    roleArn: association.roleArn,
    ...(association.targetRoleArn ? { targetRoleArn: association.targetRoleArn } : {}),
    disableSessionTags: association.disableSessionTags,
    ...(association.sessionPolicy ? { sessionPolicy: association.sessionPolicy } : {}),
    tags: association.tags,
  };
}

/**
 * Create the Pod Identity association, or converge the one EKS has for the namespace and service
 * account. One pointing at a role that is not this grant's is a clear, permanent error: EKS allows
 * one association per pair, and taking it over would silently change another team's pods. What
 * differs is `diffAssociation`'s to decide (the same diff drift reports from).
 */
export async function ensureAssociation(
  eks: EKSClient,
  desired: DesiredState,
  executionId: string,
  log: DecisionLog = silentLog,
  options: { roleCreated?: boolean } = {},
): Promise<EnsureAssociationResult> {
  const spec = specOf(desired);
  const token = clientRequestToken(executionId, desired);
  // A role this execution just created has no association yet: create first (the client request
  // token makes a repeat return the same association), and read only if EKS says one exists.
  let current = options.roleCreated
    ? undefined
    : await eksApi.findAssociation(eks, spec.cluster, spec.namespace, spec.serviceAccount);
  if (!current) {
    const created = await eksApi.createAssociation(eks, spec, token);
    if (created.created) {
      log.info("Association created", { associationId: created.association.associationId });
      return { ...created.association, action: "created", changes: [] };
    }
    // ResourceInUseException: another writer created it between our read and our create.
    current = await eksApi.findAssociation(eks, spec.cluster, spec.namespace, spec.serviceAccount);
    if (!current)
      throw new RetryableError(
        `The association of ${desired.identity.grantId} was deleted while it was being created`,
      );
  }
  const diff = diffAssociation(desired, current);
  if (!diff.owned) {
    throw new PermanentError(
      `Service account ${spec.namespace}/${spec.serviceAccount} on cluster ${spec.cluster} already has Pod Identity association ` +
        `${current.associationId} with role ${current.roleArn}, which pod-identity-provisioner does not manage. ` +
        "EKS allows one association per service account: delete that association first, or use another service account.",
    );
  }
  const changes: string[] = [...diff.settings];
  if (changes.length > 0) await eksApi.updateAssociation(eks, current.associationId, spec, token);
  if (Object.keys(diff.tagsToSet).length > 0) {
    await eksApi.tagAssociation(eks, current.associationArn, spec.cluster, diff.tagsToSet);
    changes.push("tags");
  }
  log.info(changes.length > 0 ? "Association converged" : "Association exists and matches, nothing to do", {
    associationId: current.associationId,
    changes,
  });
  return {
    associationId: current.associationId,
    associationArn: current.associationArn,
    action: changes.length > 0 ? "updated" : "unchanged",
    changes,
  };
}

/** Delete the grant's association; one that is gone is done, one pointing at another role is left alone. */
export async function removeAssociation(
  eks: EKSClient,
  identity: GrantIdentity,
  log: DecisionLog = silentLog,
): Promise<{ action: StepAction }> {
  const current = await eksApi.findAssociation(
    eks,
    identity.cluster,
    identity.namespace,
    identity.serviceAccount,
  );
  if (!current) {
    log.info("Association already absent");
    return { action: "absent" };
  }
  if (!ownsAssociation(current, identity)) {
    log.warn("Association is not this grant's; left in place", {
      associationId: current.associationId,
      roleArn: current.roleArn,
    });
    return { action: "skipped" };
  }
  await eksApi.deleteAssociation(eks, identity.cluster, current.associationId);
  log.info("Association deleted", { associationId: current.associationId });
  return { action: "deleted" };
}

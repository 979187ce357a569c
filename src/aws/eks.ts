import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  DescribePodIdentityAssociationCommand,
  type EKSClient,
  ListPodIdentityAssociationsCommand,
  TagResourceCommand,
  UpdatePodIdentityAssociationCommand,
} from "@aws-sdk/client-eks";
import { PermanentError, RetryableError, RolePropagationError } from "../errors.ts";
import { isSdkError, required, translate } from "./errors.ts";

/** The EKS adapter: SDK calls and error mapping, nothing else. */

export interface AssociationSpec {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  targetRoleArn?: string;
  disableSessionTags: boolean;
  sessionPolicy?: string;
  tags: Record<string, string>;
}

/** An association as EKS has it: the spec plus its identifiers. */
export interface AssociationState extends AssociationSpec {
  associationId: string;
  associationArn: string;
}

// EKS's answer while a new IAM role has not yet reached it (InvalidParameterException).
const ROLE_NOT_VISIBLE = /role provided in the request does not exist/i;

/**
 * `ResourceNotFoundException` names no resource type EKS commits to in its message; what is missing
 * follows from the operation: a create or a list names only the cluster (the role is an
 * `InvalidParameterException`), a call by association id names the association, whose cluster the
 * preceding list found. Each call site says which (`missing`).
 */
type Missing = "cluster" | "association";

function mapError(error: unknown, doing: string, cluster: string, missing: Missing = "cluster"): Error {
  if (isSdkError(error, "InvalidParameterException") && ROLE_NOT_VISIBLE.test(error.message)) {
    return new RolePropagationError(`${doing}: the new role is not yet visible to EKS (${error.message})`, {
      cause: error,
    });
  }
  if (isSdkError(error, "ResourceNotFoundException")) {
    // An association deleted while it was being converged: the workflow's retry reads again.
    if (missing === "association")
      return new RetryableError(`${doing}: the association was deleted meanwhile (${error.message})`, {
        cause: error,
      });
    return new PermanentError(
      `${doing}: cluster ${cluster} was not found in this account and region (${error.message})`,
      { cause: error },
    );
  }
  if (isSdkError(error, "ResourceLimitExceededException")) {
    return new PermanentError(
      `${doing}: cluster ${cluster} has reached the EKS limit of Pod Identity associations (${error.message})`,
      { cause: error },
    );
  }
  return translate(error, doing);
}

async function describe(
  eks: EKSClient,
  cluster: string,
  associationId: string,
): Promise<AssociationState | undefined> {
  try {
    const { association: a } = await eks.send(
      new DescribePodIdentityAssociationCommand({ clusterName: cluster, associationId }),
    );
    if (!a?.associationId) return undefined;
    return {
      associationId: a.associationId,
      associationArn: required(a.associationArn, "associationArn", `association ${associationId}`),
      cluster: a.clusterName ?? cluster,
      namespace: required(a.namespace, "namespace", `association ${associationId}`),
      serviceAccount: required(a.serviceAccount, "serviceAccount", `association ${associationId}`),
      roleArn: required(a.roleArn, "roleArn", `association ${associationId}`),
      ...(a.targetRoleArn ? { targetRoleArn: a.targetRoleArn } : {}),
      disableSessionTags: a.disableSessionTags ?? false,
      ...(a.policy ? { sessionPolicy: a.policy } : {}),
      tags: a.tags ?? {},
    };
  } catch (error) {
    // Listed a moment ago, gone now: deleted meanwhile.
    if (isSdkError(error, "ResourceNotFoundException")) return undefined;
    throw mapError(error, `Reading association ${associationId}`, cluster);
  }
}

/** The association for (cluster, namespace, serviceAccount), or undefined. EKS allows at most one. */
export async function findAssociation(
  eks: EKSClient,
  cluster: string,
  namespace: string,
  serviceAccount: string,
): Promise<AssociationState | undefined> {
  const doing = `Looking up the association of ${cluster}/${namespace}/${serviceAccount}`;
  try {
    const { associations } = await eks.send(
      new ListPodIdentityAssociationsCommand({ clusterName: cluster, namespace, serviceAccount }),
    );
    const match = (associations ?? []).find(
      (a) => a.namespace === namespace && a.serviceAccount === serviceAccount,
    );
    return match?.associationId ? describe(eks, cluster, match.associationId) : undefined;
  } catch (error) {
    // No cluster, no association: removal is done, and creation reports the missing cluster itself.
    if (isSdkError(error, "ResourceNotFoundException")) return undefined;
    throw mapError(error, doing, cluster);
  }
}

/** Creates the association; `exists` when EKS already has one for the pair (the caller reads and converges). */
export async function createAssociation(
  eks: EKSClient,
  spec: AssociationSpec,
  clientRequestToken: string,
): Promise<{ created: true; association: AssociationState } | { created: false }> {
  try {
    const { association: a } = await eks.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: spec.cluster,
        namespace: spec.namespace,
        serviceAccount: spec.serviceAccount,
        roleArn: spec.roleArn,
        targetRoleArn: spec.targetRoleArn,
        disableSessionTags: spec.disableSessionTags,
        policy: spec.sessionPolicy,
        tags: spec.tags,
        clientRequestToken,
      }),
    );
    const what = `the new association of ${spec.cluster}/${spec.namespace}/${spec.serviceAccount}`;
    return {
      created: true,
      association: {
        ...spec,
        associationId: required(a?.associationId, "associationId", what),
        associationArn: required(a?.associationArn, "associationArn", what),
      },
    };
  } catch (error) {
    if (isSdkError(error, "ResourceInUseException")) return { created: false };
    throw mapError(
      error,
      `Creating the association of ${spec.cluster}/${spec.namespace}/${spec.serviceAccount}`,
      spec.cluster,
    );
  }
}

export async function updateAssociation(
  eks: EKSClient,
  associationId: string,
  spec: AssociationSpec,
  clientRequestToken: string,
): Promise<void> {
  try {
    await eks.send(
      new UpdatePodIdentityAssociationCommand({
        clusterName: spec.cluster,
        associationId,
        roleArn: spec.roleArn,
        // Omitting targetRoleArn/policy keeps the old value; an empty string clears it (ACK's eks-controller
        // sends "" for an unset target role on update for this reason: aws-controllers-k8s/eks-controller#164).
        targetRoleArn: spec.targetRoleArn ?? "",
        disableSessionTags: spec.disableSessionTags,
        policy: spec.sessionPolicy ?? "",
        clientRequestToken,
      }),
    );
  } catch (error) {
    throw mapError(error, `Updating association ${associationId}`, spec.cluster, "association");
  }
}

export async function tagAssociation(
  eks: EKSClient,
  arn: string,
  cluster: string,
  tags: Record<string, string>,
) {
  try {
    await eks.send(new TagResourceCommand({ resourceArn: arn, tags }));
  } catch (error) {
    throw mapError(error, `Tagging association ${arn}`, cluster, "association");
  }
}

/** Deletes the association; one that is already gone is success. */
export async function deleteAssociation(
  eks: EKSClient,
  cluster: string,
  associationId: string,
): Promise<void> {
  try {
    await eks.send(new DeletePodIdentityAssociationCommand({ clusterName: cluster, associationId }));
  } catch (error) {
    if (isSdkError(error, "ResourceNotFoundException")) return;
    throw mapError(error, `Deleting association ${associationId}`, cluster);
  }
}

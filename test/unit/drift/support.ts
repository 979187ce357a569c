import type { ObservedGrant } from "#drift/compare.ts";
import type { DesiredState } from "#grant/desired-state.ts";

export { desired } from "../provision/support.ts";

export const ASSOCIATION_ID = "a-0123456789abcdef0";

/** What `observeGrant` reads when AWS has exactly what `state` asks for; a fresh copy each call. */
export function observedInSync(state: DesiredState): Required<ObservedGrant> {
  return {
    role: {
      path: state.identity.rolePath,
      trustPolicy: structuredClone(state.role.trustPolicy),
      boundaryArn: state.role.boundaryArn,
      description: state.role.description,
      tags: { ...state.role.tags },
      inlinePolicies: { [state.policy.name]: structuredClone(state.policy.document) },
      attachedPolicies: [],
    },
    association: {
      associationId: ASSOCIATION_ID,
      roleArn: state.association.roleArn,
      ...(state.association.targetRoleArn ? { targetRoleArn: state.association.targetRoleArn } : {}),
      disableSessionTags: state.association.disableSessionTags,
      ...(state.association.sessionPolicy ? { sessionPolicy: state.association.sessionPolicy } : {}),
      tags: { ...state.association.tags },
    },
  };
}

/** A grant that chains to a target role with a session policy (session tags disabled, as EKS requires for one). */
export const CHAINED = {
  targetRoleArn: "arn:aws:iam::444455556666:role/invoices-reader",
  disableSessionTags: true,
  sessionPolicy: {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::invoices/*" }],
  },
};

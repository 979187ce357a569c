import { badRequest, EksError } from "./errors.ts";
import { optionalTags } from "./input.ts";
import type { Body, Call } from "./types.ts";

/** TagResource, ListTagsForResource, UntagResource: on a cluster or an association, by its ARN. */

const EKS_ARN =
  /^arn:aws(-[a-z]+)*:eks:([a-z0-9-]+):(\d{12}):(cluster\/[^/]+|podidentityassociation\/[^/]+\/[^/]+)$/;

export function tagResource(call: Call): Body {
  const resource = tagged(call);
  const tags = optionalTags(call.body, badRequest);
  if (!tags) throw badRequest("tags is required");
  Object.assign(resource.tags, tags);
  return {};
}

export function listTagsForResource(call: Call): Body {
  return { tags: { ...tagged(call).tags } };
}

export function untagResource(call: Call): Body {
  const resource = tagged(call);
  for (const key of call.request.query.getAll("tagKeys")) delete resource.tags[key];
  return {};
}

function tagged({ eks, params }: Call): { tags: Record<string, string> } {
  const arn = params.resourceArn ?? "";
  const match = EKS_ARN.exec(arn);
  if (!match) throw badRequest(`${arn} is not a valid EKS resource ARN`);
  const resource =
    [...eks.state.clusters.values()].find((c) => c.arn === arn) ??
    [...eks.state.associations.values()].find((a) => a.associationArn === arn);
  if (!resource) throw new EksError("NotFoundException", `Resource ${arn} not found`, 404);
  return resource;
}

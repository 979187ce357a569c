import type { ServiceRequest } from "../types.ts";
import { alreadyExists, deleteConflict, quotaExceeded } from "./errors.ts";
import type { Input } from "./input.ts";
import { IAM_LIMITS, SECRET_ACCESS_KEY_LENGTH, SECRET_ALPHABET } from "./limits.ts";
import type { Outcome } from "./operation.ts";
import { paginate } from "./pagination.ts";
import type { IamAccessKey, IamAccount, IamUser } from "./state.ts";
import { checkedTags } from "./tags.ts";
import { cloudTrailDate, isoSeconds, optional, userCloudTrail, userXml } from "./views.ts";

/** Users and their access keys. An active key signs requests as its user (it is registered with the identities). */

export function createUser(account: IamAccount, input: Input): Outcome {
  const userName = input.required("UserName");
  const path = input.string("Path") ?? "/";
  const tags = checkedTags(input.tags("Tags") ?? []);
  if (account.users.has(userName.toLowerCase()))
    throw alreadyExists(`User with name ${userName} already exists.`);
  const boundary = input.string("PermissionsBoundary");
  const boundaryArn = boundary === undefined ? undefined : account.existingBoundary(boundary);
  const user: IamUser = {
    path,
    userName,
    userId: account.newId("user"),
    arn: `arn:aws:iam::${account.accountId}:user${path}${userName}`,
    createDate: isoSeconds(account.now()),
    ...optional("permissionsBoundaryArn", boundaryArn),
    tags,
  };
  account.users.set(userName.toLowerCase(), user);
  return { result: { User: userXml(user) }, responseElements: { user: userCloudTrail(user) } };
}

export function getUser(account: IamAccount, input: Input, request: ServiceRequest): Outcome {
  return { result: { User: userXml(account.user(input.string("UserName"), request.caller)) } };
}

export function deleteUser(account: IamAccount, input: Input, request: ServiceRequest): Outcome | undefined {
  const user = account.user(input.string("UserName"), request.caller);
  if (account.keysOf(user).length > 0)
    throw deleteConflict("Cannot delete entity, must delete access keys first.");
  account.users.delete(user.userName.toLowerCase());
  return undefined;
}

export function listUsers(account: IamAccount, input: Input): Outcome {
  const prefix = input.string("PathPrefix") ?? "/";
  const users = [...account.users.values()].filter((u) => u.path.startsWith(prefix));
  const { page: listed, ...more } = paginate(users, (u) => u.userName.toLowerCase(), input);
  return { result: { Users: listed.map((u) => userXml(u, { summary: true })), ...more } };
}

export function createAccessKey(account: IamAccount, input: Input, request: ServiceRequest): Outcome {
  const user = account.user(input.string("UserName"), request.caller);
  if (account.keysOf(user).length >= IAM_LIMITS.accessKeysPerUser) {
    throw quotaExceeded("AccessKeysPerUser", IAM_LIMITS.accessKeysPerUser);
  }
  const key: IamAccessKey = {
    accessKeyId: account.newAccessKeyId(),
    // Returned once, here; kept so that the key signs.
    secretAccessKey: account.randomString(SECRET_ALPHABET, SECRET_ACCESS_KEY_LENGTH),
    userName: user.userName,
    status: "Active",
    createDate: isoSeconds(account.now()),
  };
  account.accessKeys.set(key.accessKeyId, key);
  account.registerKey(key);
  return {
    result: {
      AccessKey: {
        UserName: key.userName,
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        SecretAccessKey: key.secretAccessKey,
        CreateDate: key.createDate,
      },
    },
    // CloudTrail logs no secretAccessKey.
    responseElements: {
      accessKey: {
        accessKeyId: key.accessKeyId,
        createDate: cloudTrailDate(key.createDate),
        status: key.status,
        userName: key.userName,
      },
    },
  };
}

export function updateAccessKey(
  account: IamAccount,
  input: Input,
  request: ServiceRequest,
): Outcome | undefined {
  const user = account.user(input.string("UserName"), request.caller);
  const key = account.accessKey(user, input.required("AccessKeyId"));
  key.status = input.required("Status") === "Active" ? "Active" : "Inactive";
  // An inactive key no longer signs: AWS answers it with InvalidClientTokenId.
  if (key.status === "Active") account.registerKey(key);
  else account.ctx.identities.remove(key.accessKeyId);
  return undefined;
}

export function deleteAccessKey(
  account: IamAccount,
  input: Input,
  request: ServiceRequest,
): Outcome | undefined {
  const user = account.user(input.string("UserName"), request.caller);
  const key = account.accessKey(user, input.required("AccessKeyId"));
  account.accessKeys.delete(key.accessKeyId);
  account.ctx.identities.remove(key.accessKeyId);
  return undefined;
}

export function listAccessKeys(account: IamAccount, input: Input, request: ServiceRequest): Outcome {
  const user = account.user(input.string("UserName"), request.caller);
  const { page: keys, ...more } = paginate(account.keysOf(user), (k) => k.accessKeyId, input);
  return {
    result: {
      AccessKeyMetadata: keys.map((k) => ({
        UserName: k.userName,
        AccessKeyId: k.accessKeyId,
        Status: k.status,
        CreateDate: k.createDate,
      })),
      ...more,
    },
  };
}

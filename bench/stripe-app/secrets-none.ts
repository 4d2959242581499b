// The Stripe App with no secret handling at all: the bench's baseline, so
// that what an app's bundle grows by is counted from the same build.
export const secretsFor = (userId: string | undefined) => ({ userId });
type Secrets = ReturnType<typeof secretsFor>;
export const saveToken = async (_secrets: Secrets, _token: string) => undefined;
export const loadToken = async (_secrets: Secrets): Promise<string | null> => null;
export const forgetToken = async (_secrets: Secrets) => undefined;
export const sharedSecretNames = async (_secrets: Secrets): Promise<string[]> => [];

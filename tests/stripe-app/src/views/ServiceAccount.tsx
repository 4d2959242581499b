import { useEffect, useMemo, useState } from 'react';
import type { ExtensionContextValue } from '@stripe/ui-extension-sdk/context';
import { Box, Button, ContextView } from '@stripe/ui-extension-sdk/ui';
import { useToken } from 'stripe-apps-secrets/react';
import { exchangeCode, serviceUser, signInUrl, tokensFor } from '../oauth';

const ServiceAccount = ({ userContext, oauthContext }: ExtensionContextValue) => {
  const tokens = useMemo(() => tokensFor(userContext.id), [userContext.id]);
  const { loading, value: token, error, save, remove } = useToken(tokens);
  const [consentUrl, setConsentUrl] = useState<string>();
  const [serviceName, setServiceName] = useState('');
  const [callError, setCallError] = useState('');

  // Back from the service's consent page: exchange the code once, keep the token.
  const code = oauthContext?.code;
  const verifier = oauthContext?.verifier;
  useEffect(() => {
    if (code && verifier) exchangeCode(code, verifier).then(save, (e: Error) => setCallError(e.message));
  }, [code, verifier, save]);

  useEffect(() => {
    if (!loading && !token) signInUrl().then(setConsentUrl, (e: Error) => setCallError(e.message));
  }, [loading, token]);

  const whoAmI = () =>
    serviceUser(tokens).then(
      (name) => setServiceName(name),
      (e: Error) => setCallError(e.message),
    );
  const signOut = () => remove().then(() => setServiceName(''));

  return (
    <ContextView title="Example Service">
      {loading ? (
        <Box>Loading…</Box>
      ) : token ? (
        <Box css={{ stack: 'x', gap: 'small' }}>
          <Button onPress={whoAmI}>Who am I?</Button>
          <Button onPress={signOut}>Sign out</Button>
        </Box>
      ) : (
        <Button href={consentUrl} disabled={!consentUrl}>
          Sign in
        </Button>
      )}
      <Box>{serviceName && `Signed in as ${serviceName}`}</Box>
      <Box>{(error instanceof Error ? error.message : '') || callError}</Box>
    </ContextView>
  );
};

export default ServiceAccount;

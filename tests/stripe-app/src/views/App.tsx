import { useMemo, useState } from 'react';
import type { ExtensionContextValue } from '@stripe/ui-extension-sdk/context';
import { Box, Button, ContextView, TextField } from '@stripe/ui-extension-sdk/ui';
import { forgetToken, loadToken, saveToken, secretsFor } from '../secrets';

const App = ({ userContext }: ExtensionContextValue) => {
  const secrets = useMemo(() => secretsFor(userContext.id), [userContext.id]);
  const [token, setToken] = useState('');
  const [status, setStatus] = useState('');
  const report = (error: Error) => setStatus(error.message);

  return (
    <ContextView title="API token">
      <TextField label="Token" type="password" value={token} onChange={(e) => setToken(e.target.value)} />
      <Box css={{ stack: 'x', gap: 'small', marginTop: 'small' }}>
        <Button onPress={() => saveToken(secrets, token).then(() => setStatus('Saved'), report)}>Save</Button>
        <Button onPress={() => loadToken(secrets).then((saved) => setToken(saved ?? ''), report)}>Load</Button>
        <Button onPress={() => forgetToken(secrets).then(() => setToken(''), report)}>Forget</Button>
      </Box>
      <Box>{status}</Box>
    </ContextView>
  );
};

export default App;

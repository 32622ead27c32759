import { describe, expect, it } from 'vitest';
import { createContractDispatch, createEventHub } from '../../shared/contract';
import { InsecureBindError, startLoadoutServer } from '../../electron/core/http/loadout-server';
import { appVersion } from '../../electron/core/process/app-version';
import { ApiSocket, rawGet } from '../support/server-harness';
import { useServeSession } from '../support/serve-session';

const session = useServeSession();

describe('loadout serve: DNS rebinding and origin checks', () => {
  it('serves the renderer with security headers to a loopback Host', async () => {
    const harness = await session.open();
    const res = await rawGet(harness.server.port, '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Loadout</title>');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await rawGet(harness.server.port, '/', { Host: `localhost:${harness.server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Host header (a rebound DNS name) with 403', async () => {
    const harness = await session.open();
    const res = await rawGet(harness.server.port, '/', { Host: `evil.example:${harness.server.port}` });
    expect(res.status).toBe(403);
    expect(res.body).toContain('Host');
    expect((await rawGet(harness.server.port, '/', { Host: '127.0.0.1:1' })).status).toBe(403);
    await expect(
      ApiSocket.connect(harness.server.port, { headers: { Host: `evil.example:${harness.server.port}` } }),
    ).rejects.toThrow('HTTP 403');
  });

  it('refuses a foreign Origin with 403 on pages and on the WebSocket', async () => {
    const harness = await session.open();
    const { port } = harness.server;
    expect((await rawGet(port, '/', { Origin: 'http://evil.example' })).status).toBe(403);
    await expect(ApiSocket.connect(port, { headers: { Origin: 'http://evil.example' } })).rejects.toThrow('HTTP 403');
    await expect(ApiSocket.connect(port, { headers: { Origin: `http://localhost:${port}` } })).rejects.toThrow(
      'HTTP 403',
    );
    const same = await ApiSocket.connect(port, { headers: { Origin: `http://127.0.0.1:${port}` } });
    expect((await same.call('app.info')).result).toMatchObject({ name: 'Loadout', host: 'serve' });
    same.close();
  });

  it('refuses to listen off loopback without a token, before binding anything', async () => {
    const events = createEventHub();
    const dispatch = createContractDispatch({} as never);
    await expect(
      startLoadoutServer({ host: '0.0.0.0', port: 0, token: null, rendererDir: '/nonexistent', dispatch, events }),
    ).rejects.toBeInstanceOf(InsecureBindError);
    await expect(
      startLoadoutServer({ host: '192.168.1.20', port: 0, rendererDir: '/nonexistent', dispatch, events }),
    ).rejects.toThrow(/without a token/);
  });

  it('with a token: 401 without it, ?token= once sets an HttpOnly SameSite=Strict cookie, bearer and cookie work', async () => {
    const token = 'test-token-0123456789abcdef';
    const harness = await session.open({ token });
    const { port } = harness.server;
    const denied = await rawGet(port, '/');
    expect(denied.status).toBe(401);
    expect(denied.body).toContain('token');
    expect((await rawGet(port, '/?token=wrong-token-0123456789ab')).status).toBe(401);

    const redirect = await rawGet(port, `/monitor.html?token=${token}&x=1`);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.location).toBe('/monitor.html?x=1');
    const cookie = String(redirect.headers['set-cookie']);
    expect(cookie).toContain(`loadout_token=${token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');

    expect((await rawGet(port, '/', { Cookie: `loadout_token=${token}` })).status).toBe(200);
    expect((await rawGet(port, '/', { Authorization: `Bearer ${token}` })).status).toBe(200);
    await expect(ApiSocket.connect(port)).rejects.toThrow('HTTP 401');
    const viaCookie = await ApiSocket.connect(port, { headers: { Cookie: `loadout_token=${token}` } });
    expect((await viaCookie.call('app.info')).result).toMatchObject({ version: appVersion(), locale: 'pt-BR' });
    viaCookie.close();
    const viaBearer = await ApiSocket.connect(port, { headers: { Authorization: `Bearer ${token}` } });
    expect((await viaBearer.call('settings.get')).result).toMatchObject({ lmstudio: { hasToken: false } });
    viaBearer.close();
  });

  it('never serves files outside the renderer folder', async () => {
    const harness = await session.open();
    const { port } = harness.server;
    for (const p of [
      '/../config.json',
      '/%2e%2e/config.json',
      '/assets/%2e%2e/%2e%2e/config.json',
      '/%00',
      '/%E0%A4%A',
    ]) {
      expect((await rawGet(port, p)).status, p).toBe(404);
    }
    expect((await rawGet(port, '/assets/app.js')).headers['content-type']).toContain('text/javascript');
  });

  it('says to run npm run build when the renderer is not built, while the API keeps working', async () => {
    const harness = await session.open({ renderer: 'missing' });
    const res = await rawGet(harness.server.port, '/');
    expect(res.status).toBe(503);
    expect(res.body).toContain('npm run build');
    const socket = await ApiSocket.connect(harness.server.port);
    expect((await socket.call('app.info')).result).toMatchObject({ name: 'Loadout' });
    socket.close();
  });
});

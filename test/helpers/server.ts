import { createTestApp, type TestApp } from './app.js';
import { freePort } from './free-port.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';

export interface RunningServer {
  /** Where the browser goes, and PUBLIC_URL too: absolute links in mail resolve to this server. */
  baseUrl: string;
  testApp: TestApp;
  smtp: TestSmtpServer;
  /** An absolute URL on this server for a path such as `/contact`. */
  url(pathname: string): string;
  close(): Promise<void>;
}

/**
 * The app (demo data loaded) on a real HTTP server at 127.0.0.1, sending mail to a real SMTP
 * server on 127.0.0.1. The port is chosen first so that PUBLIC_URL can name it.
 */
export async function startServer(): Promise<RunningServer> {
  const smtp = await startSmtpServer();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}/`;
  let testApp: TestApp | undefined;
  try {
    testApp = await createTestApp({ smtpUrl: smtp.url, publicUrl: baseUrl });
    await testApp.app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    await testApp?.close();
    await smtp.close();
    throw error;
  }
  const running = testApp;
  return {
    baseUrl,
    testApp: running,
    smtp,
    url: (pathname) => new URL(pathname, baseUrl).href,
    async close() {
      await running.close();
      await smtp.close();
    },
  };
}

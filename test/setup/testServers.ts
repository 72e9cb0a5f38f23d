/** The servers globalSetup started, handed to test files (other processes) through environment variables. */
export interface TestServers {
  temporalAddress: string;
  temporalCli: string;
  s3: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; bucket: string };
}

const variable = 'DRL_TEST_SERVERS';

export const testServers = {
  publish(servers: TestServers): void {
    process.env[variable] = JSON.stringify(servers);
  },
  get(): TestServers {
    const text = process.env[variable];
    if (!text) throw new Error(`${variable} is not set: run the tests with \`npm test\`, whose globalSetup starts the servers`);
    return JSON.parse(text) as TestServers;
  },
};

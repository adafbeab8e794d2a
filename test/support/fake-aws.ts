import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * STS and CloudFormation as far as the generated deploy script uses them, on loopback:
 * GetCallerIdentity answers with `account`; DescribeStacks for CDKToolkit answers
 * "does not exist" until `bootstrapped` is set. Both speak the AWS query protocol.
 */
export interface FakeAws {
  readonly endpoint: string;
  readonly actions: string[];
  bootstrapped: boolean;
  close(): Promise<void>;
}

export async function startFakeAws(account: string): Promise<FakeAws> {
  const state = { bootstrapped: false, actions: [] as string[] };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const action = new URLSearchParams(body).get('Action') ?? '';
      state.actions.push(action);
      const xml = (status: number, text: string) => {
        response.writeHead(status, { 'content-type': 'text/xml' });
        response.end(text);
      };
      if (action === 'GetCallerIdentity') {
        xml(200, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/tester</Arn><UserId>AIDATEST</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
      } else if (action === 'DescribeStacks' && state.bootstrapped) {
        xml(200, `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>CDKToolkit</StackName><StackId>arn:aws:cloudformation:us-east-1:${account}:stack/CDKToolkit/1</StackId><StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></DescribeStacksResponse>`);
      } else if (action === 'DescribeStacks') {
        xml(400, '<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id CDKToolkit does not exist</Message></Error><RequestId>3</RequestId></ErrorResponse>');
      } else {
        xml(400, `<ErrorResponse><Error><Code>InvalidAction</Code><Message>${action} is not faked</Message></Error></ErrorResponse>`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get actions() {
      return state.actions;
    },
    get bootstrapped() {
      return state.bootstrapped;
    },
    set bootstrapped(value: boolean) {
      state.bootstrapped = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

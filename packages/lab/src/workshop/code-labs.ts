/**
 * The code labs: each one breaks real code in the working tree with exact text edits that
 * `pnpm lab workshop reset` undoes. The learner finds the break with traces and fixes it by hand.
 */
export interface Edit {
  /** Path from the repository root. */
  file: string;
  find: string;
  replace: string;
}

export interface CodeLab {
  name: string;
  edits: Edit[];
  /** The doctor's finding that proves the lab is broken (its `hop` text). */
  diagnosis: string;
}

export const CODE_LABS: readonly CodeLab[] = [
  {
    name: 'stops-at-the-queue',
    edits: [
      {
        file: 'packages/messaging/src/propagation.ts',
        find: '  if (propagate) propagation.inject(trace.setSpan(context.active(), span), headers);\n',
        replace: "  if (propagate) headers['x-published-by'] = 'order';\n",
      },
    ],
    diagnosis: 'order → notification over RabbitMQ: consumer started a new trace',
  },
  {
    name: 'detached-retries',
    edits: [
      {
        file: 'services/payment/src/payments/fraud-client.ts',
        find: "import * as fraud from '@tracelab/contracts/fraud';\n",
        replace: "import { context, ROOT_CONTEXT } from '@opentelemetry/api';\nimport * as fraud from '@tracelab/contracts/fraud';\n",
      },
      {
        file: 'services/payment/src/payments/fraud-client.ts',
        find: '          callUnary(this.service.score.bind(this.service), request, this.config.FRAUD_TIMEOUT_MS),\n',
        replace:
          '          // isolate retries from the request, so a slow attempt cannot hold the caller\'s resources\n' +
          '          context.with(ROOT_CONTEXT, () => callUnary(this.service.score.bind(this.service), request, this.config.FRAUD_TIMEOUT_MS)),\n',
      },
    ],
    diagnosis: "context lost inside payment: 'grpc.tracelab.fraud.v1.FraudDetectionService/Score' started a new trace (orphan root)",
  },
  {
    name: 'lost-in-the-callback',
    edits: [
      {
        file: 'packages/messaging/src/propagation.ts',
        find: '  await context.with(trace.setSpan(parent, span), async () => {\n',
        replace: '  await (async () => {\n',
      },
      {
        file: 'packages/messaging/src/propagation.ts',
        find: '      span.end();\n    }\n  });\n}\n',
        replace: '      span.end();\n    }\n  })();\n}\n',
      },
    ],
    diagnosis: "context lost inside notification: 'notification.send' started a new trace (orphan root)",
  },
];

export function findCodeLab(name: string): CodeLab | undefined {
  return CODE_LABS.find((lab) => lab.name === name);
}

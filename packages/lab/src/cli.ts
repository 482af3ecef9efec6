#!/usr/bin/env node
import { doctorCommand } from './commands/doctor';
import { faultCommand } from './commands/fault';
import { workshopCommand } from './commands/workshop';

const USAGE = `usage: pnpm lab <command>
  fault list | on <name> [--<param> <value>] | off <name> | reset
  doctor [--trace <id> | --last <n>] [--source jaeger|local] [--json]
  workshop list | start <lab> | check <lab> | reset`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'fault':
      return faultCommand(rest);
    case 'doctor':
      return doctorCommand(rest);
    case 'workshop':
      return workshopCommand(rest);
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

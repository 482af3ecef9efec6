#!/usr/bin/env node
import { collectorCommand } from './commands/collector';
import { doctorCommand } from './commands/doctor';
import { faultCommand } from './commands/fault';
import { workshopCommand } from './commands/workshop';

const USAGE = `usage: pnpm lab <command>
  fault list | on <name> [--<param> <value>] | off <name> | reset
  doctor [--trace <id> | --last <n>] [--source jaeger|local] [--json]
  workshop list | start <lab> | check <lab> | reset
  collector [--seconds <n>]       spans/s in and out of the Collector, from its own metrics`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'fault':
      return faultCommand(rest);
    case 'doctor':
      return doctorCommand(rest);
    case 'workshop':
      return workshopCommand(rest);
    case 'collector':
      return collectorCommand(rest);
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

import { admin, AdminApiError, adminTargetFromEnv } from '../admin-client';

interface Fault {
  name: string;
  enabled: boolean;
  params: Record<string, unknown>;
  description: string;
}

const USAGE = `usage: pnpm lab fault list
       pnpm lab fault on <name> [--<param> <value> ...]   e.g. pnpm lab fault on retry-storm --failRate 0.3
       pnpm lab fault off <name>
       pnpm lab fault reset
GATEWAY_URL (default http://localhost:8080) and ADMIN_TOKEN (default workshop) say where and how.`;

/** `--failRate 0.3 --service payment` → { failRate: 0.3, service: 'payment' } */
export function parseParams(args: string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]!;
    const value = args[i + 1];
    if (!flag.startsWith('--') || value === undefined) throw new Error(`expected --<param> <value>, got "${args.slice(i).join(' ')}"`);
    params[flag.slice(2)] = value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return params;
}

function show(fault: Fault): string {
  const params = Object.entries(fault.params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  return `${fault.enabled ? 'ON ' : 'off'}  ${fault.name.padEnd(20)} ${params.padEnd(28)} ${fault.description}`;
}

export async function faultCommand(argv: string[]): Promise<number> {
  const [action, name, ...rest] = argv;
  const target = adminTargetFromEnv();
  try {
    switch (action) {
      case 'list': {
        const { faults } = await admin<{ faults: Fault[] }>(target, 'GET', '/admin/faults');
        for (const fault of faults) console.log(show(fault));
        return 0;
      }
      case 'on':
      case 'off': {
        if (!name) break;
        const params = action === 'on' && rest.length > 0 ? parseParams(rest) : undefined;
        const fault = await admin<Fault>(target, 'POST', `/admin/faults/${encodeURIComponent(name)}`, {
          enabled: action === 'on',
          ...(params ? { params } : {}),
        });
        console.log(show(fault));
        console.log('every service follows within a second');
        return 0;
      }
      case 'reset': {
        await admin(target, 'POST', '/admin/faults/reset');
        console.log('all faults off');
        return 0;
      }
      default:
        break;
    }
  } catch (error) {
    console.error(error instanceof AdminApiError ? error.message : `lab fault: ${(error as Error).message}`);
    return 1;
  }
  console.error(USAGE);
  return 2;
}

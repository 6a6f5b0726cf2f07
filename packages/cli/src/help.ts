export const MAIN_HELP = `flexengage-webhooks: manage flexEngage webhooks and re-send failed deliveries

Usage: flexengage-webhooks <command> [arguments] [options]

Commands:
  webhooks list | get <id> | create | ensure | enable <id> | disable <id> | delete <id>
  events list <webhookId> | get <webhookId> <eventId> | tail <webhookId> | retry-failed <webhookId>
  apply FILE                  reconcile webhooks declared in a JSON or YAML file

Options (every command):
  --token T        or FLEXENGAGE_TOKEN (never printed, not even with --verbose)
  --brand-id B     or FLEXENGAGE_BRAND_ID
  --env test|production   or FLEXENGAGE_ENV (default test)
  --base-url URL   or FLEXENGAGE_BASE_URL, e.g. the local sandbox http://127.0.0.1:4010
  --json           machine-readable output
  --verbose        print each request (method, URL, status, time) on stderr
  -h, --help       help for any command: flexengage-webhooks events retry-failed --help

Exit codes: 0 success; 1 the API or network failed, or some events could not be re-sent;
            2 bad usage or input (nothing was sent).`

export const COMMAND_HELP: Record<string, string> = {
  'webhooks list':
    'flexengage-webhooks webhooks list [--json]\n\nExample:\n  flexengage-webhooks webhooks list --json',
  'webhooks get':
    'flexengage-webhooks webhooks get <id>\n\nExample:\n  flexengage-webhooks webhooks get 3fa85f64-5717-4562-b3fc-2c963f66afa6',
  'webhooks create':
    'flexengage-webhooks webhooks create --endpoint URL --events TYPE[,TYPE...] [--disabled]\n\nExample:\n  flexengage-webhooks webhooks create --endpoint https://example.com/hooks --events NOTIFICATION.SMS',
  'webhooks ensure':
    'flexengage-webhooks webhooks ensure --endpoint URL --events TYPE[,TYPE...]\n\nCreates the webhook, or finds it (same endpoint and event types) and enables it. Safe to run in CI.\n\nExample:\n  flexengage-webhooks webhooks ensure --endpoint https://example.com/hooks --events NOTIFICATION.SMS,ORDER_EVENTS',
  'webhooks enable':
    'flexengage-webhooks webhooks enable <id>\n\nExample:\n  flexengage-webhooks webhooks enable 3fa85f64-5717-4562-b3fc-2c963f66afa6',
  'webhooks disable':
    'flexengage-webhooks webhooks disable <id>\n\nExample:\n  flexengage-webhooks webhooks disable 3fa85f64-5717-4562-b3fc-2c963f66afa6',
  'webhooks delete':
    'flexengage-webhooks webhooks delete <id>\n\nExample:\n  flexengage-webhooks webhooks delete 3fa85f64-5717-4562-b3fc-2c963f66afa6',
  'events list':
    'flexengage-webhooks events list <webhookId> [--since T] [--until T] [--status S] [--limit N]\n\nT is an ISO date-time or a duration ago (30m, 2h, 7d).\n\nExample:\n  flexengage-webhooks events list 3fa85f64-5717-4562-b3fc-2c963f66afa6 --since 2h --status FAILURE',
  'events get':
    'flexengage-webhooks events get <webhookId> <eventId>\n\nShows every attempt: status code, time, and an excerpt of the response body.\n\nExample:\n  flexengage-webhooks events get 3fa85f64-5717-4562-b3fc-2c963f66afa6 497f6eca-6276-4993-bfeb-53cbbbba6f08',
  'events tail':
    'flexengage-webhooks events tail <webhookId> [--since T] [--interval MS] [--max-events N]\n\nFollows new events through the cursor until Ctrl-C (or N events).\n\nExample:\n  flexengage-webhooks events tail 3fa85f64-5717-4562-b3fc-2c963f66afa6 --interval 1000',
  'events retry-failed':
    'flexengage-webhooks events retry-failed <webhookId> --since T [--until T] [--concurrency N] [--dry-run]\n\nRe-sends every event whose status is neither SUCCESS nor PENDING. Shows a progress bar on a\nterminal, progress lines otherwise, then a summary. Exit code 1 when any could not be re-sent.\n\nExample:\n  flexengage-webhooks events retry-failed 3fa85f64-5717-4562-b3fc-2c963f66afa6 --since 6h --concurrency 8',
  apply:
    'flexengage-webhooks apply FILE [--prune] [--dry-run]\n\nFILE (JSON or YAML):\n  webhooks:\n    - endpoint: https://example.com/hooks\n      events: [NOTIFICATION.SMS]\n      enabled: true\n\nCreates missing webhooks, enables or disables to match, reports extras (--prune deletes them).\nA second run changes nothing.\n\nExample:\n  flexengage-webhooks apply webhooks.yaml --dry-run',
}

// flexengage-webhooks: the operators' CLI over @flexengage/webhooks.
import { parseArgs } from 'node:util'
import { APIError, FlexEngageError, InvalidArgumentError } from '@flexengage/webhooks'
import { COMMANDS } from './commands.js'
import { createContext, GLOBAL_OPTIONS } from './context.js'
import { COMMAND_HELP, MAIN_HELP } from './help.js'
import { EXIT, UsageError } from './usage.js'

async function main(argv: string[]): Promise<number> {
  const [group, sub] = argv
  const name = group === 'apply' ? 'apply' : `${group} ${sub}`
  const command = COMMANDS[name]
  if (!command) {
    if (group === undefined || group === '--help' || group === '-h' || group === 'help') {
      console.log(MAIN_HELP)
      return EXIT.ok
    }
    throw new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}"; run flexengage-webhooks --help`)
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: argv.slice(name === 'apply' ? 1 : 2),
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.split('\n')[0]} (see flexengage-webhooks ${name} --help)`,
    )
  }
  if (parsed.values.help) {
    console.log(COMMAND_HELP[name])
    return EXIT.ok
  }
  const code = await command.run(createContext(parsed.values), parsed.positionals, parsed.values)
  return typeof code === 'number' ? code : EXIT.ok
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof InvalidArgumentError) {
      console.error(`flexengage-webhooks: ${error.message}`)
      process.exitCode = EXIT.usage
    } else if (error instanceof APIError || error instanceof FlexEngageError) {
      console.error(`flexengage-webhooks: ${error.message}`)
      process.exitCode = EXIT.failed
    } else {
      console.error(`flexengage-webhooks: ${error instanceof Error ? error.message : String(error)}`)
      process.exitCode = EXIT.failed
    }
  },
)

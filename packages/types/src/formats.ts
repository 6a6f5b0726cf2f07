// The spec's string formats, decided once for every package: the client checks arguments with them,
// and the mock's generated validators call them (their Ajv code names `specFormats`).

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:\S+$/i

/** An RFC 3339 date-time that names a real instant: `2024-02-30T00:00:00Z` is not one. */
export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value)
  if (!match) return false
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 60
  )
}

export interface SpecFormat {
  validate(value: string): boolean
  /** What a valid value is, for error messages: "a UUID such as …". */
  description: string
}

/** Every `format` the spec may use; generation of the mock's validators stops on any other. */
export const specFormats = {
  uuid: {
    validate: (value: string) => UUID.test(value),
    description: 'a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6',
  },
  'date-time': {
    validate: isDateTime,
    description: 'a real ISO 8601 date and time such as 2024-05-01T00:00:00Z',
  },
  uri: {
    validate: (value: string) => ABSOLUTE_URI.test(value) && URL.canParse(value),
    description: 'an absolute URL',
  },
} as const satisfies Record<string, SpecFormat>

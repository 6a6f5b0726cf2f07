// Preloaded (node --require) into servers the tests start, such as Prism, whose mock POSTs a spec's
// callbacks to whatever URL a request body names: any connection or DNS lookup to a host other than
// this machine's loopback is refused before a packet leaves, and reported on stderr as one line
// `[loopback-only] refused HOST:PORT`, so a harness can fail a test that caused one.
const dns = require('node:dns')
const net = require('node:net')

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '::ffff:127.0.0.1'])
const isLoopback = (host) => host === undefined || host === null || LOOPBACK.has(String(host).toLowerCase())

function refusal(host, port) {
  process.stderr.write(`[loopback-only] refused ${host}:${port}\n`)
  return Object.assign(new Error(`loopback-only: refused a connection to ${host}:${port}`), {
    code: 'ECONNREFUSED',
  })
}

const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(...args) {
  const [first, second] = args
  const options = typeof first === 'object' && first !== null && !Array.isArray(first) ? first : undefined
  const host = options ? options.host : typeof second === 'string' ? second : undefined
  const port = options ? options.port : first
  if ((options?.path ?? undefined) === undefined && !isLoopback(host)) {
    const error = refusal(host, port)
    process.nextTick(() => this.destroy(error))
    return this
  }
  return connect.apply(this, args)
}

const lookup = dns.lookup
dns.lookup = function guardedLookup(hostname, ...rest) {
  if (isLoopback(hostname)) return lookup.call(this, hostname, ...rest)
  const callback = rest.at(-1)
  const error = refusal(hostname, '-')
  process.nextTick(() => callback(error))
  return {}
}

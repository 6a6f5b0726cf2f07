// A free TCP port on 127.0.0.1, for servers tests start (Prism, redis-server, the sandbox CLI).
import { once } from 'node:events'
import { createServer } from 'node:net'

export async function freePort() {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  server.close()
  await once(server, 'close')
  return port
}

export { createMockServer, type MockServer, type MockServerOptions } from './node-server.js'

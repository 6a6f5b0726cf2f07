export {
  createMockListener,
  createMockServer,
  type MockListenerOptions,
  type MockServer,
  type MockServerOptions,
} from './node-server.js'

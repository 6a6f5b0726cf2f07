export {
  answerNodeRequest,
  createMockListener,
  createMockServer,
  type ListeningServer,
  listen,
  type MockListenerOptions,
  type MockServer,
  type MockServerOptions,
  mockAnswerTo,
  type NodeAnswer,
  sendAnswer,
  sendNodeAnswer,
} from './node-server.js'

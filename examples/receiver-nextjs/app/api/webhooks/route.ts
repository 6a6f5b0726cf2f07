// POST /api/webhooks: the receiver's Fetch adapter is the whole route handler. It reads the raw body
// itself (signatures cover the bytes), so nothing here parses it.
import { receiver } from '../../../lib/receiver'

export const POST = receiver.fetch

// GET /api/handled: the ids handled so far, for the example's test.
import { handled } from '../../../lib/receiver'

export const dynamic = 'force-dynamic'

export function GET() {
  return Response.json(handled)
}

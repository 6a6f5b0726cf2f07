// @generated from spec/openapi.yaml by tools/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
/**
 * Every operation of spec/openapi.yaml: method, path template, parameters (location, required,
 * schema), request body schema and declared statuses. `$ref`s name an entry of `specSchemas`.
 */
export const operationTable = {
  "listWebhooks": {
    "method": "GET",
    "path": "/v1/{brandId}/webhooks",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "200": {
        "content": true
      },
      "401": {
        "content": false
      },
      "403": {
        "content": false
      },
      "404": {
        "content": true
      },
      "429": {
        "content": false
      },
      "500": {
        "content": true
      }
    }
  },
  "createWebhook": {
    "method": "POST",
    "path": "/v1/{brandId}/webhooks",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      }
    ],
    "requestBody": {
      "required": true,
      "schema": {
        "$ref": "WebhookRequest"
      }
    },
    "responses": {
      "201": {
        "content": true
      },
      "401": {
        "content": false
      },
      "403": {
        "content": false
      },
      "409": {
        "content": true
      },
      "422": {
        "content": true
      },
      "429": {
        "content": false
      },
      "500": {
        "content": true
      }
    }
  },
  "getWebhook": {
    "method": "GET",
    "path": "/v1/{brandId}/webhooks/{id}",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "200": {
        "content": true
      },
      "401": {
        "content": false
      },
      "403": {
        "content": false
      },
      "404": {
        "content": true
      },
      "429": {
        "content": false
      },
      "500": {
        "content": true
      }
    }
  },
  "deleteWebhook": {
    "method": "DELETE",
    "path": "/v1/{brandId}/webhooks/{id}",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "204": {
        "content": false
      },
      "401": {
        "content": false
      },
      "403": {
        "content": false
      },
      "404": {
        "content": true
      },
      "429": {
        "content": false
      },
      "500": {
        "content": true
      }
    }
  },
  "updateWebhook": {
    "method": "PATCH",
    "path": "/v1/{brandId}/webhooks/{id}",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": {
      "required": true,
      "schema": {
        "$ref": "WebhookPatchRequest"
      }
    },
    "responses": {
      "200": {
        "content": true
      },
      "204": {
        "content": false
      },
      "401": {
        "content": false
      },
      "403": {
        "content": false
      },
      "404": {
        "content": true
      },
      "429": {
        "content": false
      },
      "500": {
        "content": true
      }
    }
  },
  "listWebhookEvents": {
    "method": "GET",
    "path": "/v1/{brandId}/webhooks/{id}/events",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "size",
        "in": "query",
        "required": false,
        "schema": {
          "type": "integer",
          "minimum": 1
        }
      },
      {
        "name": "start",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "format": "date-time"
        }
      },
      {
        "name": "end",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "format": "date-time"
        }
      },
      {
        "name": "startId",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "200": {
        "content": true
      },
      "401": {
        "content": false
      },
      "403": {
        "content": false
      },
      "404": {
        "content": true
      },
      "429": {
        "content": false
      },
      "500": {
        "content": true
      }
    }
  },
  "getWebhookEvent": {
    "method": "GET",
    "path": "/v1/{brandId}/webhooks/{id}/events/{eventId}",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "eventId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "200": {
        "content": true
      },
      "401": {
        "content": false
      },
      "403": {
        "content": false
      },
      "404": {
        "content": true
      },
      "429": {
        "content": false
      },
      "500": {
        "content": true
      }
    }
  },
  "retryWebhookEvent": {
    "method": "POST",
    "path": "/v1/{brandId}/webhooks/{id}/events/{eventId}/retry",
    "parameters": [
      {
        "name": "brandId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "eventId",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ],
    "requestBody": null,
    "responses": {
      "202": {
        "content": false
      },
      "401": {
        "content": false
      },
      "403": {
        "content": false
      },
      "404": {
        "content": true
      },
      "429": {
        "content": false
      },
      "500": {
        "content": true
      }
    }
  }
} as const

/** The order routes are matched in: static segments before parameters at each position. */
export const routeOrder = ["listWebhooks","createWebhook","deleteWebhook","getWebhook","updateWebhook","listWebhookEvents","getWebhookEvent","retryWebhookEvent"] as const

/** The component schemas the requests above refer to, reduced to their validation keywords. */
export const specSchemas = {
  "EventType": {
    "type": "string",
    "pattern": "^[A-Z0-9_]+(\\.[A-Z0-9_]+)*$",
    "example": "NOTIFICATION.SMS.RECEIPT"
  },
  "WebhookPatchRequest": {
    "type": "object",
    "required": [
      "enabled"
    ],
    "properties": {
      "enabled": {
        "type": "boolean"
      }
    }
  },
  "WebhookRequest": {
    "type": "object",
    "required": [
      "endpoint",
      "events"
    ],
    "properties": {
      "endpoint": {
        "type": "string",
        "format": "uri",
        "example": "https://example.com/my/webhook/endpoint"
      },
      "events": {
        "type": "array",
        "minItems": 1,
        "items": {
          "$ref": "EventType"
        }
      },
      "enabled": {
        "type": "boolean",
        "default": true
      }
    }
  }
} as const

// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
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
          "minLength": 1,
          "pattern": "\\S",
          "type": "string"
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
          "minLength": 1,
          "pattern": "\\S",
          "type": "string"
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
          "minLength": 1,
          "pattern": "\\S",
          "type": "string"
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "format": "uuid",
          "type": "string"
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
          "minLength": 1,
          "pattern": "\\S",
          "type": "string"
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "format": "uuid",
          "type": "string"
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
          "minLength": 1,
          "pattern": "\\S",
          "type": "string"
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "format": "uuid",
          "type": "string"
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
          "minLength": 1,
          "pattern": "\\S",
          "type": "string"
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "format": "uuid",
          "type": "string"
        }
      },
      {
        "name": "size",
        "in": "query",
        "required": false,
        "schema": {
          "minimum": 1,
          "type": "integer"
        }
      },
      {
        "name": "start",
        "in": "query",
        "required": false,
        "schema": {
          "format": "date-time",
          "type": "string"
        }
      },
      {
        "name": "end",
        "in": "query",
        "required": false,
        "schema": {
          "format": "date-time",
          "type": "string"
        }
      },
      {
        "name": "startId",
        "in": "query",
        "required": false,
        "schema": {
          "format": "uuid",
          "type": "string"
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
          "minLength": 1,
          "pattern": "\\S",
          "type": "string"
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "format": "uuid",
          "type": "string"
        }
      },
      {
        "name": "eventId",
        "in": "path",
        "required": true,
        "schema": {
          "format": "uuid",
          "type": "string"
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
          "minLength": 1,
          "pattern": "\\S",
          "type": "string"
        }
      },
      {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "format": "uuid",
          "type": "string"
        }
      },
      {
        "name": "eventId",
        "in": "path",
        "required": true,
        "schema": {
          "format": "uuid",
          "type": "string"
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
    "example": "NOTIFICATION.SMS.RECEIPT",
    "pattern": "^[A-Z0-9_]+(\\.[A-Z0-9_]+)*$",
    "type": "string"
  },
  "WebhookPatchRequest": {
    "additionalProperties": false,
    "properties": {
      "enabled": {
        "type": "boolean"
      }
    },
    "required": [
      "enabled"
    ],
    "type": "object"
  },
  "WebhookRequest": {
    "properties": {
      "enabled": {
        "default": true,
        "type": "boolean"
      },
      "endpoint": {
        "example": "https://example.com/my/webhook/endpoint",
        "format": "uri",
        "type": "string"
      },
      "events": {
        "items": {
          "$ref": "EventType"
        },
        "minItems": 1,
        "type": "array"
      }
    },
    "required": [
      "endpoint",
      "events"
    ],
    "type": "object"
  }
} as const

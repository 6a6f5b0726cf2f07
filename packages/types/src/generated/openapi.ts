// @generated from spec/openapi.yaml by tools/generate/generate.mjs. Do not edit: change the spec or the generator, then run `pnpm generate`.
export interface paths {
    "/v1/{brandId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
            };
            cookie?: never;
        };
        /**
         * Get Webhooks
         * @description Returns all webhooks for a Brand ID. A brand with no webhooks is answered with 404, not with
         *     an empty list.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Create a New Webhook
         * @description Creates a new Webhook. Webhooks are enabled by default once they are created, but can be
         *     disabled using the PATCH API.
         *
         *     A Webhook is an HTTPS endpoint plus a list of event types to receive at that endpoint. Event
         *     types are hierarchical: subscribing to a group (e.g. `NOTIFICATION.SMS`) covers every type
         *     under it. An `http://` endpoint is answered with 422.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/{brandId}/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
                /** @description The webhook ID */
                id: components["parameters"]["webhookId"];
            };
            cookie?: never;
        };
        /**
         * Get a webhook by ID
         * @description Returns a Webhook with the corresponding ID if it exists.
         */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a Webhook
         * @description Completely deletes a Webhook if it exists.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Toggle a Webhook On or Off
         * @description Turns a Webhook off without deleting it, or turns it back on if it was turned off.
         *
         *     The provider documents this response as `204 No Content` *with* a webhook body, which HTTP
         *     does not allow (a 204 has no content). Both readings are modelled: `204` without content and
         *     `200` with the modified `WebhookResponse`. Clients must accept either; the reference's 204
         *     example body is attached to the 200 response.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/v1/{brandId}/webhooks/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
                /** @description The webhook ID */
                id: components["parameters"]["webhookId"];
            };
            cookie?: never;
        };
        /**
         * Get the Events of a Webhook
         * @description Fetches a paginated list of events that have been sent to a Webhook endpoint. When the
         *     response contains multiple pages, the next page is fetched by passing `page.lastId` as the
         *     query parameter `startId`. The reference does not say whether `startId` is inclusive;
         *     clients must cope with either.
         */
        get: operations["listWebhookEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/{brandId}/webhooks/{id}/events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
                /** @description The webhook ID */
                id: components["parameters"]["webhookId"];
                /** @description The event ID */
                eventId: components["parameters"]["eventId"];
            };
            cookie?: never;
        };
        /**
         * Get a webhook event by ID
         * @description Returns a specific webhook event. Each event contains a list of attempts, which in turn
         *     contain the response returned by the webhook's endpoint (if there was one).
         */
        get: operations["getWebhookEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/{brandId}/webhooks/{id}/events/{eventId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
                /** @description The webhook ID */
                id: components["parameters"]["webhookId"];
                /** @description The event ID */
                eventId: components["parameters"]["eventId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Asynchronously Retry a Webhook Event
         * @description Queues a Webhook event to be resent to its endpoint. Each retry counts as a new attempt on
         *     the event.
         */
        post: operations["retryWebhookEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description API Error response */
        APIErrorResponse: {
            /** @description A more detailed description of the error */
            description?: string;
            /** @description The error message */
            message?: string;
            /** @description This code matches the HTTP status code. */
            status?: number;
            /** @description If the error is based on validation constraints, those constraints are expressed in this map (field name to message). */
            validations?: {
                [key: string]: string;
            };
        };
        /**
         * @description The body of a delivery: one envelope per documented event type, told apart by `type` (the
         *     discriminator's mapping names each type). flexEngage also sends types this document does not
         *     list yet, in the `EventEnvelope` shape.
         */
        DeliveryEvent: components["schemas"]["SmsReceiptEvent"];
        /**
         * @description The delivery status of an event or of one attempt. `SUCCESS` is the only value the reference
         *     documents; the local sandbox also uses `PENDING` and `FAILURE`. The set is open: clients must
         *     accept values they do not know.
         * @example SUCCESS
         */
        DeliveryStatus: string;
        /**
         * @description What every delivery carries, whatever its type. The same event (`id`) can arrive more than
         *     once, each time with a new `attemptId`; receivers must be idempotent. `data` depends on `type`.
         */
        EventEnvelope: {
            /** @description Unique per delivery attempt. */
            attemptId: string;
            brandId: string;
            /** Format: date-time */
            created: string;
            /** @description The event's payload; its shape depends on `type`. */
            data: {
                [key: string]: unknown;
            };
            /**
             * @description The event ID (ULID-like).
             * @example 01F2SFVYVD0H873S2VRT8VQSPM
             */
            id: string;
            type: components["schemas"]["EventType"];
            /** Format: uuid */
            webhookId: string;
        };
        /**
         * @description An event type name (the reference calls this schema `Events`). Names are dot-separated and
         *     hierarchical, e.g. `NOTIFICATION.SMS.RECEIPT` or `ORDER_EVENTS.OMS.ORDER_CREATED`. A prefix
         *     group (`NOTIFICATION.SMS`, `NOTIFICATION`) covers every type under it.
         * @example NOTIFICATION.SMS.RECEIPT
         */
        EventType: string;
        /** @description HTTP header names to values. */
        HttpHeaders: {
            [key: string]: string;
        };
        /** @description The `data` of a `NOTIFICATION.SMS.RECEIPT` event. */
        SmsReceiptData: {
            /**
             * @description Language and country, e.g. `en-US`.
             * @example en-US
             */
            locale: string;
            /** @description The full rendered SMS text. */
            message: string;
            /**
             * @description The destination phone number, E.164.
             * @example +15555550123
             */
            phoneNumber: string;
        };
        /**
         * @description `NOTIFICATION.SMS.RECEIPT`: an SMS receipt was sent to a customer.
         * @example {
         *       "attemptId": "01F2SFW1B6YQ7ZK9N3V8C2D4EH",
         *       "brandId": "ACME",
         *       "created": "2019-08-24T14:15:22Z",
         *       "data": {
         *         "locale": "en-US",
         *         "message": "Thanks for your order! Your receipt is ready.",
         *         "phoneNumber": "+15555550123"
         *       },
         *       "id": "01F2SFVYVD0H873S2VRT8VQSPM",
         *       "type": "NOTIFICATION.SMS.RECEIPT",
         *       "webhookId": "3fa85f64-5717-4562-b3fc-2c963f66afa6"
         *     }
         */
        SmsReceiptEvent: components["schemas"]["EventEnvelope"] & {
            data: components["schemas"]["SmsReceiptData"];
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "NOTIFICATION.SMS.RECEIPT";
        };
        /** @description The request flexEngage sent to the endpoint. */
        WebhookAttemptRequest: {
            /** Format: uri */
            endpoint: string;
            headers: components["schemas"]["HttpHeaders"];
        };
        /** @description The endpoint's answer; absent when the endpoint gave none (timeout, refused connection). */
        WebhookAttemptResponse: {
            /** @description The response body as text. */
            body: string;
            headers: components["schemas"]["HttpHeaders"];
            statusCode: number;
            /** @description How long the endpoint took to answer, in milliseconds. */
            time: number;
        };
        /** @description One delivery attempt. Each retry adds a new attempt. */
        WebhookEventAttempt: {
            /** Format: date-time */
            created: string;
            /** Format: uuid */
            id: string;
            request: components["schemas"]["WebhookAttemptRequest"];
            response?: components["schemas"]["WebhookAttemptResponse"];
            status: components["schemas"]["DeliveryStatus"];
        };
        /** @description An event with every delivery attempt made for it. */
        WebhookEventResponse: {
            attempts: components["schemas"]["WebhookEventAttempt"][];
            /** Format: date-time */
            created: string;
            /** Format: uuid */
            id: string;
            status: components["schemas"]["DeliveryStatus"];
            type: components["schemas"]["EventType"];
            /** Format: date-time */
            updated: string;
        };
        /** @description One event sent (or being sent) to a webhook. */
        WebhookEventSummary: {
            /** Format: date-time */
            created: string;
            /** Format: uuid */
            id: string;
            status: components["schemas"]["DeliveryStatus"];
            type: components["schemas"]["EventType"];
            /** Format: date-time */
            updated: string;
        };
        /**
         * @description Where this page starts and ends. Send `lastId` as the `startId` query parameter to fetch the
         *     next page.
         */
        WebhookEventsPage: {
            /**
             * Format: uuid
             * @description The ID of the last event of the page.
             */
            lastId?: string;
            /** @description The page size. */
            size: number;
            /**
             * Format: uuid
             * @description The event ID the page started from.
             */
            startId?: string;
        };
        WebhookEventsResponsePage: {
            events: components["schemas"]["WebhookEventSummary"][];
            page: components["schemas"]["WebhookEventsPage"];
        };
        /**
         * @description Turns a webhook on or off, and changes nothing else: the reference documents `enabled` as the
         *     whole body, so any other field (an endpoint, an id, event types) is refused with 422 rather
         *     than applied.
         */
        WebhookPatchRequest: {
            /** @description `true` turns the webhook on, `false` turns it off without deleting it. */
            enabled: boolean;
        };
        /** @description An HTTPS endpoint plus the event types (or groups) it receives. */
        WebhookRequest: {
            /**
             * @description Webhooks are enabled by default.
             * @default true
             */
            enabled?: boolean;
            /**
             * Format: uri
             * @description The HTTPS URL deliveries are POSTed to. `http://` is answered with 422.
             * @example https://example.com/my/webhook/endpoint
             */
            endpoint: string;
            /** @description Event types or event type groups to receive. */
            events: components["schemas"]["EventType"][];
        };
        /**
         * @description A webhook. The reference marks no field required; every example carries all of them, and
         *     they are required here so clients get non-optional types.
         */
        WebhookResponse: {
            /** Format: date-time */
            created: string;
            enabled: boolean;
            /** Format: uri */
            endpoint: string;
            events: components["schemas"]["EventType"][];
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            updated: string;
        };
    };
    responses: {
        /** @description The brand, webhook, or event was not found */
        EventNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["APIErrorResponse"];
            };
        };
        /** @description The client does not have access rights to the content; that is, it is unauthorized, so the server is refusing to give the requested resource. Unlike 401, the client's identity is known to the server. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description A server encountered an unexpected condition that prevented it from fulfilling the request; please retry the request. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["APIErrorResponse"];
            };
        };
        /** @description The user has sent too many requests in a given amount of time ("rate limiting"). Respond with exponential backoff or a similar throttling measure. In general the limits are high enough that non-abusive request patterns will not trigger them. */
        TooManyRequests: {
            headers: {
                /** @description Not documented by the provider; declared so that a server that sends it (seconds or an HTTP date) is honoured by clients. */
                "Retry-After"?: string;
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Although the HTTP standard specifies "unauthorized", semantically this response means "unauthenticated". That is, the client must authenticate itself to get the requested response. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
    };
    parameters: {
        /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
        brandId: string;
        /** @description The full HTTPS URI of the PEM public key that verifies the signature. Its host must be exactly one of the hosts `x-key-hosts` lists (by environment); refuse any other, or an attacker signs with a key it hosts itself. Do not assume one key for later requests. */
        deliveryKeyUrl: string;
        /** @description The signature of the delivery: Base64 of an RSA signature with SHA-256 (SHA256withRSA) over the raw request body bytes. */
        deliverySignature: string;
        /** @description Every delivery names flexEngage as its user agent. */
        deliveryUserAgent: "FlexEngage Webhook";
        /** @description The event ID */
        eventId: string;
        /** @description The webhook ID */
        webhookId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A list of webhooks, if any, affiliated with the Brand ID. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"][];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No brand or webhooks were found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["APIErrorResponse"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookRequest"];
            };
        };
        responses: {
            /** @description The webhook was successfully created */
            201: {
                headers: {
                    /** @description The URI of the created webhook. */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description A Webhook already exists for the same endpoint with the same event types. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["APIErrorResponse"];
                };
            };
            /** @description There is an error in the request. See the response body for more details. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["APIErrorResponse"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
                /** @description The webhook ID */
                id: components["parameters"]["webhookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An object representing the webhook with corresponding ID */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description The brand or webhook could not be found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["APIErrorResponse"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
                /** @description The webhook ID */
                id: components["parameters"]["webhookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The webhook was deleted successfully */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No brand or webhook was found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["APIErrorResponse"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
                /** @description The webhook ID */
                id: components["parameters"]["webhookId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPatchRequest"];
            };
        };
        responses: {
            /** @description The modified Webhook (the body the reference shows under its 204). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"];
                };
            };
            /** @description The Webhook was modified; no content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No brand or webhook was found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["APIErrorResponse"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listWebhookEvents: {
        parameters: {
            query?: {
                /** @description The page size */
                size?: number;
                /** @description The query start time */
                start?: string;
                /** @description The query end time */
                end?: string;
                /** @description The event ID used to start the page */
                startId?: string;
            };
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
                /** @description The webhook ID */
                id: components["parameters"]["webhookId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events were returned successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEventsResponsePage"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description No brand or webhook was found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["APIErrorResponse"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getWebhookEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
                /** @description The webhook ID */
                id: components["parameters"]["webhookId"];
                /** @description The event ID */
                eventId: components["parameters"]["eventId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event was returned successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEventResponse"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["EventNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    retryWebhookEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description This is your account identifier; we will provide this to you during the onboarding process. Please reach out to your flexEngage Customer Support Contact (support@flexengage.com) if you have not received one. */
                brandId: components["parameters"]["brandId"];
                /** @description The webhook ID */
                id: components["parameters"]["webhookId"];
                /** @description The event ID */
                eventId: components["parameters"]["eventId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The retry request was accepted successfully. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["EventNotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
}

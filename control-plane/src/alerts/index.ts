/** Alerts about incidents: what they say, where they go (webhooks, email), and the queue that sends them. */
export { type Alert, type AlertPayload, alertEmail, alertLine, alertPayload } from './alert.js'
export { AlertDispatcher, type AlertDispatcherOptions, type AlertStats } from './alert-dispatcher.js'
export { type AlertSettings, createAlertDispatcher } from './alert-setup.js'
export { AlertDeliveryError, type AlertTarget, redactUrl } from './alert-target.js'
export { type EmailTargetOptions, emailTarget } from './email-target.js'
export { webhookTarget } from './webhook-target.js'

/**
 * The deployment feed: every deployment of the apps in scope, however it was started, watched by one poller per app
 * and interval (shared by webhook subscriptions and {@code /v1/events} clients, one instance polling each app at a
 * time), turned into {@code deployment.*} events published once to the shared {@link
 * dev.unideploy.gateway.store.FeedLog}; and provider notifications that make a watcher look at once.
 */
@NullMarked
package dev.unideploy.gateway.feed;

import org.jspecify.annotations.NullMarked;

package dev.unideploy.sandbox;

/**
 * An app the simulator starts with.
 *
 * @param id the provider's own app id (Mist: a number as text)
 * @param failsBuild true when every deployment of this app fails, to show failure paths
 */
public record SeededApp(String id, String name, boolean failsBuild) {}

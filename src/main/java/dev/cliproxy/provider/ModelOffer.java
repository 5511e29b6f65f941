package dev.cliproxy.provider;

/**
 * A model a provider offers.
 *
 * @param clientName what clients ask for (an alias or the upstream name)
 * @param upstreamName what the upstream calls it
 * @param ownedBy shown in model lists
 */
public record ModelOffer(String clientName, String upstreamName, String ownedBy) {}

package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.config.ProxyUrl;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH /auth-files/fields}: changes the fields of one auth file that this proxy acts on:
 * {@code proxy_url} (the account's outbound proxy), {@code note} (shown in the list), {@code
 * credential_group} (the group client keys bound to it are served by) and {@code expired} (a time
 * in the past makes the proxy refresh the account now, the web UI's "refresh" button). Fields the
 * reference has and this proxy does not act on (priority, weight, prefix, headers, per-file
 * excluded models …) are refused by name rather than stored without effect.
 */
final class AuthFileFields {
  private static final Set<String> SUPPORTED =
      Set.of("name", "proxy_url", "note", "credential_group", "expired");

  private final AuthFileRoutes.Store store;

  AuthFileFields(AuthFileRoutes.Store store) {
    this.store = store;
  }

  ManagementReply patch(ManagementCall call) throws IOException {
    JsonNode body = call.json();
    if (!body.isObject()) {
      throw ManagementError.badRequest("invalid request body");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!SUPPORTED.contains(field)) {
        throw new ManagementError(
            400,
            "unsupported field",
            field
                + " is not supported by this proxy; it acts on proxy_url, note, credential_group and expired (accounts"
                + " are picked round robin, without priorities or weights)");
      }
    }
    String raw = body.path("name").asText("");
    if (raw.isBlank()) {
      throw ManagementError.badRequest("name is required");
    }
    String name = AuthFileName.check(raw);
    CredentialFile file =
        store
            .directory()
            .read(name)
            .orElseThrow(() -> ManagementError.notFound("auth file not found"));
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!field.getKey().equals("name")) {
        file = apply(file, field.getKey(), field.getValue());
      }
    }
    store.directory().save(file);
    store.applyNow();
    return ManagementReply.ok();
  }

  private static CredentialFile apply(CredentialFile file, String field, JsonNode value) {
    if (!value.isTextual() && !value.isNull()) {
      throw new ManagementError(400, "invalid " + field, field + " must be a string");
    }
    String text = value.isNull() ? "" : value.asText().trim();
    if (text.isEmpty()) {
      return file.without(field);
    }
    switch (field) {
      case "proxy_url" -> {
        try {
          ProxyUrl.parse(text);
        } catch (IllegalArgumentException e) {
          throw new ManagementError(400, "invalid proxy_url", e.getMessage());
        }
      }
      case "expired" -> {
        try {
          Instant.parse(text);
        } catch (DateTimeParseException e) {
          throw new ManagementError(
              400,
              "invalid expired",
              "expired must be an RFC 3339 time, e.g. 2026-01-02T03:04:05Z");
        }
      }
      default -> {}
    }
    return file.with(field, text);
  }
}

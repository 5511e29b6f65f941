package dev.cliproxy.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.provider.ModelOffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The OpenAI-shaped {@code GET /v1/models} answer. */
final class ModelListing {
  private static final JsonFactory JSON = new JsonFactory();

  private ModelListing() {}

  static byte[] openAi(RuntimeSnapshot snapshot) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("object", "list");
      json.writeArrayFieldStart("data");
      long created = snapshot.createdAt().getEpochSecond();
      for (ModelOffer offer : snapshot.catalog().offers()) {
        json.writeStartObject();
        json.writeStringField("id", offer.clientName());
        json.writeStringField("object", "model");
        json.writeNumberField("created", created);
        json.writeStringField("owned_by", offer.ownedBy());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

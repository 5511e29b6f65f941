package dev.cliproxy.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cliproxy.gateway.RuntimeSnapshot;
import dev.cliproxy.provider.ModelOffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The model list answers, of the models the client may use, in each API's shape. */
final class ModelListing {
  private static final JsonFactory JSON = new JsonFactory();

  private ModelListing() {}

  static byte[] openAi(RuntimeSnapshot snapshot, List<ModelOffer> offers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("object", "list");
      json.writeArrayFieldStart("data");
      long created = snapshot.createdAt().getEpochSecond();
      for (ModelOffer offer : offers) {
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

  /** The Anthropic-shaped list, for Claude clients on {@code GET /v1/models}. */
  static byte[] claude(RuntimeSnapshot snapshot, List<ModelOffer> offers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String created = snapshot.createdAt().toString();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("data");
      for (ModelOffer offer : offers) {
        json.writeStartObject();
        json.writeStringField("type", "model");
        json.writeStringField("id", offer.clientName());
        json.writeStringField("display_name", offer.clientName());
        json.writeStringField("created_at", created);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeBooleanField("has_more", false);
      if (offers.isEmpty()) {
        json.writeNullField("first_id");
        json.writeNullField("last_id");
      } else {
        json.writeStringField("first_id", offers.get(0).clientName());
        json.writeStringField("last_id", offers.get(offers.size() - 1).clientName());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The Gemini-shaped list, for {@code GET /v1beta/models}. */
  static byte[] gemini(RuntimeSnapshot snapshot, List<ModelOffer> offers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("models");
      for (ModelOffer offer : offers) {
        json.writeStartObject();
        json.writeStringField("name", "models/" + offer.clientName());
        json.writeStringField("displayName", offer.clientName());
        json.writeArrayFieldStart("supportedGenerationMethods");
        json.writeString("generateContent");
        json.writeString("streamGenerateContent");
        json.writeEndArray();
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

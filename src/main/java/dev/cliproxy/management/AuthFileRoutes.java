package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.AccountStatus;
import dev.cliproxy.auth.CredentialStatus;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.AuthSnapshot;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.auth.store.CredentialFileException;
import dev.cliproxy.gateway.CredentialTally;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The auth files as the web UI manages them: {@code /auth-files} to list (with each account's
 * state), download, upload (multipart, one or many files, or raw JSON with {@code ?name=}) and
 * delete (one, many or all), {@code /auth-files/status} to disable and enable, {@code
 * /auth-files/fields} to change what the proxy acts on, and {@code /auth-files/models}. Every write
 * is atomic and owner-only, and the proxy uses its result before the answer is sent.
 */
public final class AuthFileRoutes implements ManagementRoutes {

  /** The auth directory in use, and applying what is in it to the running proxy now. */
  public interface Store {
    AuthDirectory directory();

    /** Reads the directory again and applies it before returning. */
    void applyNow() throws IOException;
  }

  private final Store store;
  private final Supplier<List<AccountStatus>> accounts;
  private final Supplier<List<CredentialStatus>> credentials;
  private final Function<String, CredentialTally.Tally> tally;

  /**
   * @param tally how the credentials of an auth index have fared
   */
  public AuthFileRoutes(
      Store store,
      Supplier<List<AccountStatus>> accounts,
      Supplier<List<CredentialStatus>> credentials,
      Function<String, CredentialTally.Tally> tally) {
    this.store = store;
    this.accounts = accounts;
    this.credentials = credentials;
    this.tally = tally;
  }

  @Override
  public void addTo(ManagementRouter router) {
    router
        .get("/auth-files", this::list)
        .post("/auth-files", this::upload)
        .delete("/auth-files", this::delete)
        .get("/auth-files/download", this::download)
        .patch("/auth-files/status", this::status)
        .put("/auth-files/status", this::status)
        .patch("/auth-files/fields", new AuthFileFields(store)::patch)
        .get("/auth-files/models", new AuthFileModels()::list);
  }

  private ManagementReply list(ManagementCall call) throws IOException {
    AuthDirectory directory = store.directory();
    ArrayNode all =
        AuthFileEntries.of(directory, load(directory), accounts.get(), credentials.get(), tally);
    Optional<String> name = call.query("name").map(String::trim).filter(n -> !n.isEmpty());
    Optional<String> index = call.query("auth_index").map(String::trim).filter(n -> !n.isEmpty());
    ArrayNode files = ManagementJson.MAPPER.createArrayNode();
    for (JsonNode entry : all) {
      if (name.map(n -> n.equals(entry.path("name").asText())).orElse(true)
          && index.map(i -> i.equals(entry.path("auth_index").asText())).orElse(true)) {
        files.add(entry);
      }
    }
    ObjectNode body = ManagementJson.MAPPER.createObjectNode();
    body.set("files", files);
    return ManagementReply.json(body);
  }

  private ManagementReply download(ManagementCall call) throws IOException {
    String name = AuthFileName.check(call.query("name").orElse(""));
    byte[] content;
    try {
      content = java.nio.file.Files.readAllBytes(store.directory().path().resolve(name));
    } catch (java.nio.file.NoSuchFileException e) {
      throw ManagementError.notFound("file not found");
    }
    return new ManagementReply.Raw(
        200,
        "application/json",
        content,
        Map.of("Content-Disposition", "attachment; filename=\"" + name + "\""));
  }

  private ManagementReply upload(ManagementCall call) throws IOException {
    String contentType = call.header("Content-Type");
    if (!MultipartForm.is(contentType)) {
      String name = AuthFileName.check(call.query("name").orElse(""));
      save(name, call.body());
      store.applyNow();
      return ManagementReply.ok();
    }
    List<MultipartForm.Part> files =
        MultipartForm.parse(contentType, call.body()).stream()
            .filter(part -> part.fileName().isPresent())
            .toList();
    if (files.isEmpty()) {
      throw new ManagementError(400, "no files uploaded", "send the files in form field 'file'");
    }
    List<String> saved = new ArrayList<>();
    ArrayNode failed = ManagementJson.MAPPER.createArrayNode();
    ManagementError firstError = null;
    for (MultipartForm.Part part : files) {
      String given = baseName(part.fileName().orElseThrow());
      try {
        String name = AuthFileName.check(given);
        save(name, part.content());
        saved.add(name);
      } catch (ManagementError e) {
        firstError = firstError == null ? e : firstError;
        failed.addObject().put("name", given).put("error", e.getMessage());
      }
    }
    if (!saved.isEmpty()) {
      store.applyNow();
    }
    if (files.size() == 1 && firstError != null) {
      throw firstError;
    }
    ObjectNode body = ManagementJson.MAPPER.createObjectNode();
    body.put("status", failed.isEmpty() ? "ok" : "partial").put("uploaded", saved.size());
    saved.forEach(body.putArray("files")::add);
    if (!failed.isEmpty()) {
      body.set("failed", failed);
    }
    return ManagementReply.json(failed.isEmpty() ? 200 : saved.isEmpty() ? 400 : 207, body);
  }

  private void save(String name, byte[] content) throws IOException {
    try {
      store.directory().create();
      store.directory().saveAsSent(name, content);
    } catch (CredentialFileException e) {
      throw new ManagementError(400, "invalid auth file", name + " " + e.problem());
    }
  }

  private ManagementReply delete(ManagementCall call) throws IOException {
    AuthDirectory directory = store.directory();
    Optional<String> all = call.query("all");
    if (all.isPresent() && Set.of("true", "1", "*").contains(all.get().trim())) {
      AuthSnapshot files = load(directory);
      int deleted = 0;
      for (CredentialFile file : files.files()) {
        directory.delete(file.id());
        deleted++;
      }
      for (var problem : files.problems()) {
        directory.delete(problem.fileName());
        deleted++;
      }
      store.applyNow();
      return ManagementReply.json(
          ManagementJson.MAPPER.createObjectNode().put("status", "ok").put("deleted", deleted));
    }
    List<String> names = namesToDelete(call);
    List<String> deleted = new ArrayList<>();
    ArrayNode failed = ManagementJson.MAPPER.createArrayNode();
    for (String raw : names) {
      try {
        String name = AuthFileName.check(raw);
        if (directory.attributes(name).isEmpty()) {
          throw ManagementError.notFound("file not found");
        }
        directory.delete(name);
        deleted.add(name);
      } catch (ManagementError e) {
        if (names.size() == 1) {
          throw e;
        }
        failed.addObject().put("name", raw).put("error", e.getMessage());
      }
    }
    if (!deleted.isEmpty()) {
      store.applyNow();
    }
    if (names.size() == 1) {
      return ManagementReply.ok();
    }
    ObjectNode body = ManagementJson.MAPPER.createObjectNode();
    body.put("status", failed.isEmpty() ? "ok" : "partial").put("deleted", deleted.size());
    deleted.forEach(body.putArray("files")::add);
    if (!failed.isEmpty()) {
      body.set("failed", failed);
    }
    return ManagementReply.json(failed.isEmpty() ? 200 : 207, body);
  }

  /** {@code ?name=} (repeatable), else a body {@code {"name":…,"names":[…]}} or {@code […]}. */
  private static List<String> namesToDelete(ManagementCall call) {
    Set<String> names = new LinkedHashSet<>();
    call.query("name").map(String::trim).filter(n -> !n.isEmpty()).ifPresent(names::add);
    if (names.isEmpty() && call.body().length > 0) {
      JsonNode body = call.json();
      if (body.isArray()) {
        body.forEach(n -> names.add(n.asText().trim()));
      } else if (body.isObject()) {
        if (body.path("name").isTextual()) {
          names.add(body.get("name").asText().trim());
        }
        body.path("names").forEach(n -> names.add(n.asText().trim()));
      } else {
        throw ManagementError.badRequest("invalid request body");
      }
    }
    names.remove("");
    if (names.isEmpty()) {
      throw new ManagementError(
          400, "invalid name", "name the file with ?name=<file>.json, or ?all=true for every file");
    }
    return List.copyOf(names);
  }

  private ManagementReply status(ManagementCall call) throws IOException {
    JsonNode body = call.json();
    String raw = body.path("name").asText("");
    if (raw.isBlank()) {
      throw ManagementError.badRequest("name is required");
    }
    if (!body.path("disabled").isBoolean()) {
      throw new ManagementError(400, "disabled is required", "send \"disabled\": true or false");
    }
    String name = AuthFileName.check(raw);
    boolean disabled = body.get("disabled").booleanValue();
    CredentialFile file =
        store
            .directory()
            .read(name)
            .orElseThrow(() -> ManagementError.notFound("auth file not found"));
    store
        .directory()
        .save(file.with("disabled", ManagementJson.MAPPER.getNodeFactory().booleanNode(disabled)));
    store.applyNow();
    return ManagementReply.json(
        ManagementJson.MAPPER.createObjectNode().put("status", "ok").put("disabled", disabled));
  }

  private static AuthSnapshot load(AuthDirectory directory) throws IOException {
    return directory.load();
  }

  private static String baseName(String fileName) {
    String name = fileName.trim();
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return slash < 0 ? name : name.substring(slash + 1);
  }
}

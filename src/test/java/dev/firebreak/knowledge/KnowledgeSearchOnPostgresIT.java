package dev.firebreak.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.platform.EmbeddedPostgres;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The knowledge base on a real PostgreSQL: weighted full-text search and pg_trgm, under GIN indexes. */
class KnowledgeSearchOnPostgresIT extends AbstractKnowledgeSearchIT {

  @Autowired
  DataSource dataSource;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgres.register(registry, "knowledge");
  }

  @Override
  String engine() {
    return "postgresql";
  }

  @Test
  void theSearchIndexesAreGin() {
    List<String> indexes = jdbc.sql("SELECT indexdef FROM pg_indexes WHERE tablename = 'knowledge_entry'")
        .query(String.class).list();

    assertThat(indexes).anyMatch(def -> def.contains("USING gin (search_vector)"))
        .anyMatch(def -> def.contains("USING gin (search_text gin_trgm_ops)"));
  }

  @Test
  void theTrigramIndexServesAWordInsideAnother() throws Exception {
    StringBuilder plan = new StringBuilder();
    try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
      statement.execute("SET enable_seqscan = off"); // five rows: the planner would rather read them all
      try (var rows = statement.executeQuery(
          "EXPLAIN SELECT incident_key FROM knowledge_entry WHERE search_text ILIKE '%연결풀%'")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      statement.execute("RESET enable_seqscan");
    }

    assertThat(plan).contains("knowledge_entry_search_trigram");
  }
}

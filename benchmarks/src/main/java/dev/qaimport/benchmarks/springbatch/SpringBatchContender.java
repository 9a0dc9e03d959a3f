package dev.qaimport.benchmarks.springbatch;

import dev.qaimport.benchmarks.Database;
import dev.qaimport.benchmarks.ImportContender;
import dev.qaimport.benchmarks.ImportOutcome;
import dev.qaimport.benchmarks.ImportSpec;
import dev.qaimport.benchmarks.Variant;
import dev.qaimport.benchmarks.baseline.BaselineSchema;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The Spring Batch 6 baseline: starts a Spring context with {@link FaqImportJobConfig}, installs
 * Spring Batch's own schema and the target tables in the fresh database (as a deployment would
 * have done beforehand), and runs the job once through the {@link JobOperator}.
 */
public final class SpringBatchContender implements ImportContender {
    /** The contender's id. */
    public static final String ID = "spring-batch";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Spring Batch 6.0 (Spring Framework 7) without Boot: `@EnableBatchProcessing` + `@EnableJdbcJobRepository` "
                + "(Spring Batch's tables in the same database, HikariCP pool, `JdbcTransactionManager`), one chunk-oriented "
                + "fault-tolerant step with chunk size = batch size. Reader: a restartable commons-csv `ItemStreamReader` (step scoped). "
                + "Processor: `Jsoup.clean` (question: `Safelist.none()`, answer: `Safelist.basic()`) + the validation rules, "
                + "throwing a skippable `ValidationException` for an invalid row (skip limit unbounded, no rollback: Spring Batch 6 "
                + "skips in place). `SkipListener` inserts the row error in the chunk's transaction. Writer: a per-chunk duplicate "
                + "check (within the chunk, then one `SELECT question_key … IN (…)` against the table) in front of "
                + "`JdbcBatchItemWriter` (`ItemPreparedStatementSetter`, `assertUpdates(false)`). Runs through `JobOperator.start`.";
    }

    @Override
    public boolean supports(Database database) {
        return true;
    }

    @Override
    public List<Variant> variants(Database database) {
        return database == Database.POSTGRESQL ? List.of(Variant.DEFAULT, Variant.PG_REWRITE) : List.of(Variant.DEFAULT);
    }

    @Override
    public ImportOutcome run(ImportSpec spec) throws Exception {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(ImportSpec.class, () -> spec);
            context.register(FaqImportJobConfig.class);
            context.refresh();
            DataSource dataSource = context.getBean(DataSource.class);
            new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-" + spec.database().id() + ".sql"))
                    .execute(dataSource);
            try (Connection connection = dataSource.getConnection()) {
                BaselineSchema.create(connection, spec.database());
            }
            JobParameters parameters = new JobParametersBuilder()
                    .addString(FaqImportJobConfig.INPUT_FILE, spec.csv().toString())
                    .addString("import.job.id", spec.runId().toString())
                    .toJobParameters();
            JobExecution execution = context.getBean(JobOperator.class).start(context.getBean(Job.class), parameters);
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new IllegalStateException("Spring Batch job ended " + execution.getStatus() + ": " + execution.getAllFailureExceptions());
            }
            StepExecution step = execution.getStepExecutions().iterator().next();
            long duplicates = context.getBean(DuplicateSkippingItemWriter.class).skipped();
            return new ImportOutcome(step.getReadCount(), step.getWriteCount() - duplicates,
                    step.getProcessSkipCount() + step.getWriteSkipCount(), duplicates);
        }
    }
}

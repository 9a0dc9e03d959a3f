package dev.qaimport.benchmarks.springbatch;

import com.zaxxer.hikari.HikariDataSource;
import dev.qaimport.benchmarks.ImportSpec;
import dev.qaimport.benchmarks.baseline.BaselineSchema;
import dev.qaimport.benchmarks.baseline.CleanPair;
import dev.qaimport.benchmarks.baseline.FaqRow;
import java.nio.file.Path;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The Spring Batch job: one chunk-oriented, fault-tolerant step (chunk size = batch size)
 * reading with {@link CommonsCsvItemReader}, processing with {@link FaqItemProcessor}, skipping
 * invalid rows into {@code import_errors} through {@link ErrorRecordingSkipListener}, and writing
 * with {@link DuplicateSkippingItemWriter} around a {@link JdbcBatchItemWriter}; the job
 * repository is the JDBC one, in the same database, through the same HikariCP pool.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing
@EnableJdbcJobRepository
public final class FaqImportJobConfig {
    /** The name of the job parameter holding the CSV path. */
    public static final String INPUT_FILE = "input.file";

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(ImportSpec spec) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("spring-batch");
        ds.setJdbcUrl(spec.jdbcUrl());
        ds.setUsername(spec.user());
        ds.setPassword(spec.password());
        ds.setMaximumPoolSize(4);
        return ds;
    }

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    @StepScope
    CommonsCsvItemReader faqReader(@Value("#{jobParameters['" + INPUT_FILE + "']}") String file) {
        return new CommonsCsvItemReader(Path.of(file));
    }

    @Bean
    FaqItemProcessor faqProcessor() {
        return new FaqItemProcessor();
    }

    @Bean
    DuplicateSkippingItemWriter faqWriter(DataSource dataSource, ImportSpec spec) {
        JdbcBatchItemWriter<CleanPair> insert = new JdbcBatchItemWriterBuilder<CleanPair>()
                .dataSource(dataSource)
                .sql(BaselineSchema.INSERT_PAIR)
                .itemPreparedStatementSetter((pair, ps) ->
                        BaselineSchema.bindPair(ps, spec.database(), pair, spec.runId(), new Timestamp(System.currentTimeMillis())))
                .assertUpdates(false)
                .build();
        return new DuplicateSkippingItemWriter(new NamedParameterJdbcTemplate(dataSource), insert);
    }

    @Bean
    ErrorRecordingSkipListener errorRecorder(DataSource dataSource, ImportSpec spec) {
        return new ErrorRecordingSkipListener(new JdbcTemplate(dataSource), spec.database(), spec.runId());
    }

    @Bean
    Step importStep(JobRepository jobRepository, JdbcTransactionManager transactionManager, ImportSpec spec,
                    CommonsCsvItemReader faqReader, FaqItemProcessor faqProcessor, DuplicateSkippingItemWriter faqWriter,
                    ErrorRecordingSkipListener errorRecorder) {
        return new StepBuilder("importFaq", jobRepository)
                .<FaqRow, CleanPair>chunk(spec.batchSize())
                .transactionManager(transactionManager)
                .reader(faqReader)
                .processor(faqProcessor)
                .writer(faqWriter)
                .faultTolerant()
                .skip(InvalidRowException.class, DataIntegrityViolationException.class)
                .skipLimit(Long.MAX_VALUE)
                .skipListener(errorRecorder)
                .build();
    }

    @Bean
    Job faqImportJob(JobRepository jobRepository, Step importStep) {
        return new JobBuilder("faqImportJob", jobRepository).start(importStep).build();
    }
}

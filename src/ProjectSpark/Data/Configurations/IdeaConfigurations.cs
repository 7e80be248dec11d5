using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pgvector;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ProjectSpark.Features.Classes;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Reviews;
using ProjectSpark.Features.Students;

namespace ProjectSpark.Data.Configurations;

/// <summary>Applied by the context itself, because the class-unit JSON column differs by provider.</summary>
public sealed class IdeaRequestConfiguration(bool postgres)
{
    public void Configure(EntityTypeBuilder<IdeaRequest> b)
    {
        // A concurrency token: a run that read the request before another run finished it cannot write it back
        // (a lost update would turn "drafted" into "drafting" again); its save fails and it stops.
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        b.Property(r => r.Focus).HasMaxLength(IdeaRequest.MaxFocusLength);
        b.Property(r => r.Feedback).HasMaxLength(IdeaRequest.MaxFeedbackLength);
        b.Property(r => r.Error).HasMaxLength(500);
        b.HasIndex(r => r.Status);
        b.HasIndex(r => r.StudentId);
        // At most one queued or drafting request per student, even when two requests race past the API's check.
        b.HasIndex(r => r.StudentId, "IX_IdeaRequests_OneActivePerStudent").IsUnique()
            .HasFilter("\"Status\" IN ('Queued', 'Drafting')");
        b.HasOne<Student>().WithMany().HasForeignKey(r => r.StudentId);
        b.Property(r => r.ClassUnit).AsJson(postgres);
        b.HasIndex(r => r.ClassId);
        // At most one queued or drafting request per class, as for a student.
        b.HasIndex(r => r.ClassId, "IX_IdeaRequests_OneActivePerClass").IsUnique()
            .HasFilter("\"Status\" IN ('Queued', 'Drafting') AND \"ClassId\" IS NOT NULL");
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(r => r.ClassId);
        b.ToTable(t => t.HasCheckConstraint("CK_IdeaRequests_OneTarget", "(\"StudentId\" IS NULL) <> (\"ClassId\" IS NULL)"));
    }
}

/// <summary>Applied by the context itself, because the embedding column differs by provider.</summary>
public sealed class ProjectDraftConfiguration(bool postgres)
{
    public const int EmbeddingDimensions = 384;

    public void Configure(EntityTypeBuilder<ProjectDraft> b)
    {
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Response).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Original).AsJson(postgres).HasColumnName("Content");
        b.Property(d => d.Edits).AsJson(postgres);
        b.Property(d => d.RevisedStarters).AsJson(postgres);
        b.Property(d => d.Provenance).AsJson(postgres);
        b.Property(d => d.Quality).AsJson(postgres);
        b.Property(d => d.RejectionReason).HasMaxLength(ProjectDraft.MaxReasonLength);
        b.Property(d => d.DeliveryNote).HasMaxLength(ProjectDraft.MaxNoteLength);
        b.Property(d => d.ResponseComment).HasMaxLength(ProjectDraft.MaxCommentLength);
        b.Ignore(d => d.Current);
        // Idempotent drafting: a second run of the same job cannot add a second set.
        b.HasIndex(d => new { d.IdeaRequestId, d.Ordinal }).IsUnique();
        b.HasIndex(d => new { d.StudentId, d.Status });
        b.HasOne<IdeaRequest>().WithMany().HasForeignKey(d => d.IdeaRequestId);
        b.HasOne<Student>().WithMany().HasForeignKey(d => d.StudentId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(d => new { d.ClassId, d.Status });
        b.HasOne<SchoolClass>().WithMany().HasForeignKey(d => d.ClassId).OnDelete(DeleteBehavior.NoAction);
        b.ToTable(t => t.HasCheckConstraint("CK_Drafts_OneTarget", "(\"StudentId\" IS NULL) <> (\"ClassId\" IS NULL)"));

        if (postgres)
        {
            b.Property(d => d.Embedding).HasColumnType($"vector({EmbeddingDimensions})");
            b.HasIndex(d => d.Embedding).HasMethod("hnsw").HasOperators("vector_cosine_ops");
        }
        else
        {
            // SQLite: the vector as a little-endian float32 blob; similarity is computed exactly in process.
            b.Property(d => d.Embedding).HasConversion(
                v => v == null ? null : ToBytes(v.ToArray()),
                bytes => bytes == null ? null : new Vector(FromBytes(bytes)),
                new ValueComparer<Vector?>((x, y) => x == null ? y == null : y != null && x.ToArray().SequenceEqual(y.ToArray()),
                    v => v == null ? 0 : v.ToArray().Length, v => v));
        }
    }

    private static byte[] ToBytes(float[] v)
    {
        var bytes = new byte[v.Length * sizeof(float)];
        Buffer.BlockCopy(v, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static float[] FromBytes(byte[] bytes)
    {
        var v = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, v, 0, bytes.Length);
        return v;
    }
}

public sealed class ClassProjectResponseConfiguration : IEntityTypeConfiguration<ClassProjectResponse>
{
    public void Configure(EntityTypeBuilder<ClassProjectResponse> b)
    {
        b.Property(r => r.Response).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Comment).HasMaxLength(ProjectDraft.MaxCommentLength);
        // One response per student per class project; answering again changes it.
        b.HasIndex(r => new { r.DraftId, r.StudentId }).IsUnique();
        b.HasIndex(r => r.StudentId);
        b.HasOne<ProjectDraft>().WithMany().HasForeignKey(r => r.DraftId);
        b.HasOne<Student>().WithMany().HasForeignKey(r => r.StudentId).OnDelete(DeleteBehavior.NoAction);
    }
}

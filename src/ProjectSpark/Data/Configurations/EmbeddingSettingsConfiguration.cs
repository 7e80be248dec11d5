using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectSpark.AI;

namespace ProjectSpark.Data.Configurations;

public sealed class EmbeddingSettingsConfiguration : IEntityTypeConfiguration<EmbeddingSettings>
{
    public void Configure(EntityTypeBuilder<EmbeddingSettings> b)
    {
        b.ToTable("EmbeddingSettings");
        b.Property(s => s.ModelId).HasMaxLength(200);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;

namespace ProjectSpark.Data.Configurations;

public sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.Property(s => s.Name).HasMaxLength(200);
    }
}

public sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Email).HasMaxLength(254);
        b.HasIndex(s => s.Email).IsUnique();
        b.HasIndex(s => s.SchoolId);
        b.Property(s => s.SourcedId).HasMaxLength(255);
        b.HasIndex(s => new { s.SchoolId, s.SourcedId }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId);
    }
}

public sealed class StudentConfiguration : IEntityTypeConfiguration<Student>
{
    public void Configure(EntityTypeBuilder<Student> b)
    {
        b.Property(s => s.DisplayName).HasMaxLength(200);
        b.Property(s => s.Email).HasMaxLength(254);
        b.Property(s => s.Strengths).HasMaxLength(Student.MaxProfileTextLength);
        b.Property(s => s.Constraints).HasMaxLength(Student.MaxProfileTextLength);
        b.HasIndex(s => s.Email).IsUnique();
        b.HasIndex(s => new { s.SchoolId, s.CurrentMentorId });
        b.Property(s => s.SourcedId).HasMaxLength(255);
        b.HasIndex(s => new { s.SchoolId, s.SourcedId }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(s => s.SchoolId);
        b.HasOne(s => s.CurrentMentor).WithMany().HasForeignKey(s => s.CurrentMentorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Assignments).WithOne().HasForeignKey(a => a.StudentId);
    }
}

public sealed class MentorAssignmentConfiguration : IEntityTypeConfiguration<MentorAssignment>
{
    public void Configure(EntityTypeBuilder<MentorAssignment> b)
    {
        b.HasIndex(a => new { a.StudentId, a.StartedAt });
        b.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.MentorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ConnectionConfiguration : IEntityTypeConfiguration<Features.Relationships.Connection>
{
    public void Configure(EntityTypeBuilder<Features.Relationships.Connection> b)
    {
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        // One mark per adult and student and kind: marking twice is a no-op, never a duplicate.
        b.HasIndex(c => new { c.StudentId, c.StaffId, c.Source }).IsUnique();
        b.HasIndex(c => c.SchoolId);
        b.HasOne<Student>().WithMany().HasForeignKey(c => c.StudentId);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.StaffId);
    }
}

public sealed class CheckInConfiguration : IEntityTypeConfiguration<Features.CheckIns.CheckIn>
{
    public void Configure(EntityTypeBuilder<Features.CheckIns.CheckIn> b)
    {
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Note).HasMaxLength(Features.CheckIns.CheckIn.MaxNoteLength);
        b.HasIndex(c => new { c.StudentId, c.At });
        b.HasOne<Student>().WithMany().HasForeignKey(c => c.StudentId);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.MentorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SchoolClassConfiguration : IEntityTypeConfiguration<Features.Classes.SchoolClass>
{
    public void Configure(EntityTypeBuilder<Features.Classes.SchoolClass> b)
    {
        b.ToTable("Classes");
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Subject).HasMaxLength(100);
        b.Property(c => c.SourcedId).HasMaxLength(255);
        b.HasIndex(c => new { c.SchoolId, c.SourcedId }).IsUnique();
        b.HasOne<School>().WithMany().HasForeignKey(c => c.SchoolId);
        b.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.ClassId);
    }
}

public sealed class ClassMemberConfiguration : IEntityTypeConfiguration<Features.Classes.ClassMember>
{
    public void Configure(EntityTypeBuilder<Features.Classes.ClassMember> b)
    {
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.SourcedId).HasMaxLength(255);
        b.HasIndex(m => new { m.ClassId, m.StudentId }).IsUnique();
        b.HasIndex(m => new { m.ClassId, m.StaffId }).IsUnique();
        b.HasIndex(m => m.StudentId);
        b.HasIndex(m => m.StaffId);
        b.HasOne<Student>().WithMany().HasForeignKey(m => m.StudentId);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(m => m.StaffId);
    }
}

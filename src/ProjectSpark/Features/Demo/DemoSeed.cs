using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using ProjectSpark.AI;
using ProjectSpark.Data;
using ProjectSpark.Features.Classes;
using ProjectSpark.Features.Ideas;
using ProjectSpark.Features.Reviews;
using ProjectSpark.Features.Staff;
using ProjectSpark.Features.Students;

namespace ProjectSpark.Features.Demo;

/// <summary>
/// Development only, on an empty database: a demo school whose accounts are listed in the README, with drafts
/// in every state, made by the real offline composer (never a paid provider, whatever AI:Provider says) so the tour
/// shows what the product really produces.
/// </summary>
public sealed class DemoSeed(SparkDbContext db, OfflineComposer generator, IEmbeddingGenerator<string, Embedding<float>> embeddings,
    QualityAssessor quality,
    Signals.SignalCalculator signals, TimeProvider clock, ILogger<DemoSeed> log)
{
    public const string SchoolName = "Riverside Demo High School";

    private static readonly (string Name, int Grade, string[] Interests, int Mentor)[] DemoStudents =
    [
        ("Maya Lopez", 9, ["guitar", "skateboarding", "drawing"], 1),
        ("Jordan Smith", 10, ["basketball", "sneakers"], 1),
        ("Aisha Khan", 8, ["baking", "k-pop", "photography"], 1),
        ("Leo Martin", 11, ["cars", "fixing engines"], 1),
        ("Sam Rivera", 7, ["minecraft", "coding"], 2),
        ("Priya Patel", 12, ["climate change", "debate"], 2),
        ("Ethan Brooks", 9, ["horses", "country music"], 0),
        ("Zoe Chen", 10, ["anime", "fashion design"], 0),
    ];

    public async Task SeedIfEmptyAsync()
    {
        if (await db.Schools.AnyAsync()) return;
        var now = clock.GetUtcNow();
        var school = db.Schools.Add(new School(SchoolName)).Entity;
        var admin = new StaffMember(school.Id, "Alex Morgan (counselor)", "admin@spark.test", StaffRoles.Admin);
        var mentors = new[]
        {
            new StaffMember(school.Id, "Ms. Rivera", "mentor1@spark.test", StaffRoles.Mentor | StaffRoles.Teacher),
            new StaffMember(school.Id, "Mr. Okafor", "mentor2@spark.test", StaffRoles.Mentor),
        };
        var teacher = new StaffMember(school.Id, "Mrs. Dubois", "teacher@spark.test", StaffRoles.Teacher);
        db.Staff.AddRange([admin, .. mentors, teacher]);

        var students = new List<Student>();
        for (var i = 0; i < DemoStudents.Length; i++)
        {
            var (name, grade, interests, mentor) = DemoStudents[i];
            var s = new Student(school.Id, name, $"student{i + 1}@spark.test", grade);
            s.SetInterests(interests, null, null);
            if (mentor > 0) s.AssignMentor(mentors[mentor - 1], admin.Id, now);
            students.Add(s);
        }
        db.Students.AddRange(students);
        await db.SaveChangesAsync();

        // student1: one delivered (with a response), one approved with an edit, one pending.
        var maya = await DraftAsync(students[0], mentors[0], 3, "something they could show at the spring showcase");
        maya[0].Approve(mentors[0].Id, new DraftEdits(Title: maya[0].Original.Title + " (showcase edition)"), now);
        maya[0].Deliver(mentors[0].Id, now.AddHours(-2), "Talked at lunch; she lit up at the skate park idea.", now);
        maya[0].Respond(StudentResponseKind.Sparked, "Can I film it with my friends?", now);
        maya[1].Approve(mentors[0].Id, null, now);
        // student2: one rejected, two pending.
        var jordan = await DraftAsync(students[1], mentors[0], 3, null);
        jordan[0].Reject(mentors[0].Id, "Too much writing for where Jordan is right now.", now);
        // student5 (mentor2): two pending.
        await DraftAsync(students[4], mentors[1], 2, null);
        await db.SaveChangesAsync();
        await SeedClassAsync(school.Id, teacher, students, now);
        await SeedAttendanceAsync(school.Id, students, now);
        log.LogInformation("Seeded the demo school: admin@spark.test, mentor1/2@spark.test, teacher@spark.test (Science 8), student1-8@spark.test");
    }

    /// <summary>
    /// Mrs. Dubois teaches Science 8 to students 2-6 (not Maya, whose portal shows exactly her mentor's project): one
    /// class project introduced to the class with two answers, and two waiting for her review.
    /// </summary>
    private async Task SeedClassAsync(Guid schoolId, StaffMember teacher, List<Student> students, DateTimeOffset now)
    {
        var science = new SchoolClass(schoolId, "Science 8 · Period 2", "Science");
        var enrolled = students.Skip(1).Take(5).ToList();
        science.Members.Add(ClassMember.ForTeacher(science.Id, teacher.Id));
        science.Members.AddRange(enrolled.Select(s => ClassMember.ForStudent(science.Id, s.Id)));
        db.Classes.Add(science);

        var unit = new ClassUnit("Ecosystems and energy", "Science", 8, ["MS-LS2-3"], 4);
        var request = IdeaRequest.ForClass(schoolId, science.Id, teacher.Id, unit, 3, null, null, seed: 42, now);
        db.IdeaRequests.Add(request);
        var interests = ClassInterests.Count(enrolled.Select(s => (IReadOnlyList<string>)s.Interests));
        var generated = await generator.GenerateForClassAsync(new ClassUnitBrief(unit.Unit, unit.Subject, unit.GradeLevel, unit.Standards,
            unit.DurationWeeks, interests, enrolled.Count, null, [], request.Count, request.Seed), CancellationToken.None);
        var vectors = await embeddings.GenerateAsync(generated.Select(g => DraftIdeasJob.EmbeddingText(g.Content)));
        var drafts = generated.Select((g, i) => ProjectDraft.ForClass(schoolId, science.Id, request.Id, i, g.Content, g.Provenance,
            vectors[i].Vector.ToArray(), now)).ToList();
        for (var i = 0; i < drafts.Count; i++) drafts[i].AttachQuality(quality.Assess(generated[i].Content, interests.Select(x => x.Interest).ToList()));
        db.Drafts.AddRange(drafts);
        request.StartAttempt(now);
        request.MarkDrafted(now);
        drafts[0].Approve(teacher.Id, null, now);
        drafts[0].Deliver(teacher.Id, now.AddHours(-1), "Introduced in period 2.", now);
        db.ClassProjectResponses.Add(drafts[0].RespondAsClassmate(enrolled[0].Id, StudentResponseKind.Sparked, null, now));
        db.ClassProjectResponses.Add(drafts[0].RespondAsClassmate(enrolled[1].Id, StudentResponseKind.Maybe, null, now));
        await db.SaveChangesAsync();
    }

    /// <summary>The last 60 school days: Jordan has a three-day streak, Ethan (no mentor yet) is chronically absent.</summary>
    private async Task SeedAttendanceAsync(Guid schoolId, List<Student> students, DateTimeOffset now)
    {
        var days = new List<DateOnly>();
        for (var d = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1); days.Count < 60; d = d.AddDays(-1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Insert(0, d);
        var absent = new Dictionary<int, int[]> { [1] = [50, 51, 52], [6] = [3, 9, 14, 20, 26, 31, 37, 44, 49, 55], [2] = [12] };
        for (var i = 0; i < students.Count; i++)
            for (var day = 0; day < days.Count; day++)
            {
                var status = absent.GetValueOrDefault(i, []).Contains(day) ? Signals.AttendanceStatus.Absent
                    : (i + day) % 17 == 0 ? Signals.AttendanceStatus.Tardy : Signals.AttendanceStatus.Present;
                db.Attendance.Add(new Signals.AttendanceRecord(schoolId, students[i].Id, days[day], status, now));
            }
        await db.SaveChangesAsync();
        await signals.RecomputeAsync(schoolId, CancellationToken.None);
    }

    private async Task<List<ProjectDraft>> DraftAsync(Student student, StaffMember mentor, int count, string? focus)
    {
        var now = clock.GetUtcNow();
        var request = new IdeaRequest(student.SchoolId, student.Id, mentor.Id, count, focus, null, null, seed: 42, now);
        db.IdeaRequests.Add(request);
        var generated = await generator.GenerateAsync(new DraftBrief(DraftIdeasJob.Pseudonym(request.Id), student.GradeLevel,
            student.Interests, null, null, focus, null, [], count, request.Seed), CancellationToken.None);
        var vectors = await embeddings.GenerateAsync(generated.Select(g => DraftIdeasJob.EmbeddingText(g.Content)));
        var drafts = generated.Select((g, i) => new ProjectDraft(student.SchoolId, student.Id, request.Id, i, g.Content, g.Provenance,
            vectors[i].Vector.ToArray(), now)).ToList();
        for (var i = 0; i < drafts.Count; i++) drafts[i].AttachQuality(quality.Assess(generated[i].Content, student.Interests));
        db.Drafts.AddRange(drafts);
        request.StartAttempt(now);
        request.MarkDrafted(now);
        return drafts;
    }
}

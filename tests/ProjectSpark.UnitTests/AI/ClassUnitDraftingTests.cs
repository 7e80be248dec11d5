using Microsoft.SemanticKernel;
using ProjectSpark.AI;
using ProjectSpark.Features.Classes;

namespace ProjectSpark.UnitTests.AI;

/// <summary>Drafting for a class unit: interests as counts, the unit in every brief, standards only from the teacher.</summary>
public class ClassUnitDraftingTests(ComposerFixture fixture) : IClassFixture<ComposerFixture>
{
    private static readonly InterestCount[] ClassInterests =
        [new("basketball", 9), new("minecraft", 6), new("baking", 4), new("k-pop", 2)];

    private static ClassUnitBrief Brief(string[]? standards = null, int count = 3, int weeks = 4, string? feedback = null) =>
        new("Ratios and proportions", "Math", 7, standards ?? [], weeks, ClassInterests, 24, feedback, [], count, 11);

    [Fact]
    public async Task OfflineClassDraftsFrameTheUnitAndSayHowManyStudentsShareTheInterest()
    {
        var drafts = await fixture.Composer.GenerateForClassAsync(Brief(), default);
        Assert.Equal(3, drafts.Count);
        Assert.Equal(3, drafts.Select(d => d.PatternId).Distinct().Count());
        foreach (var d in drafts.Select(d => d.Content))
        {
            Assert.StartsWith("Ratios and proportions: ", d.Title);
            Assert.Contains("Ratios and proportions", d.DrivingQuestion);
            Assert.EndsWith("?", d.DrivingQuestion);
            Assert.Contains("4-week Math unit on Ratios and proportions for grade 7", d.Summary);
            Assert.Equal("Math: Ratios and proportions", d.Skills[0]);
            Assert.Matches(@"^\d+ students? of 24 in this class named (basketball|minecraft|baking|k-pop)", d.WhyItFits);
            var named = ClassInterests.First(i => d.WhyItFits.Contains($"named {i.Interest}:", StringComparison.Ordinal));
            Assert.StartsWith($"{named.Students} students of 24", d.WhyItFits);
            Assert.All(d.Milestones, m => Assert.InRange(m.Week, 1, 4));
            Assert.DoesNotContain("{", d.Title + d.DrivingQuestion + d.Summary + d.WhyItFits);
        }
    }

    [Fact]
    public async Task TheMostSharedInterestLeadsWhenTheClassAsksForOneIdea()
    {
        var draft = Assert.Single(await fixture.Composer.GenerateForClassAsync(Brief(count: 1), default));
        Assert.Contains("9 students of 24 in this class named basketball", draft.Content.WhyItFits);
    }

    [Fact]
    public async Task OfflineDraftsCarryExactlyTheTeachersStandardsAndNoneWhenNoneWereGiven()
    {
        string[] standards = ["CCSS.MATH.7.RP.A.2", "MP4"];
        var withStandards = await fixture.Composer.GenerateForClassAsync(Brief(standards), default);
        Assert.All(withStandards, d => Assert.Equal(standards, d.Content.Standards));

        var without = await fixture.Composer.GenerateForClassAsync(Brief(), default);
        Assert.All(without, d => Assert.Empty(d.Content.Standards!));
        Assert.All(without, d => Assert.DoesNotMatch(@"CCSS|NGSS|\b[A-Z]{2,}\.[A-Z0-9]+\.", string.Join(" ", d.Content.Title, d.Content.Summary,
            d.Content.DrivingQuestion, string.Join(" ", d.Content.Skills), string.Join(" ", d.Content.Milestones.Select(m => m.Title)))));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(6)]
    [InlineData(5)]
    public void MilestonesSpreadOverTheUnitInStrictlyAscendingWeeksWhenItIsLongEnough(int weeks)
    {
        var pattern = Enumerable.Range(1, 5).Select(w => new ProjectSpark.Features.Reviews.Milestone($"step {w}", w)).ToList();
        var spread = ClassUnitFraming.Spread(pattern, weeks, "Fractions");
        Assert.Equal(5, spread.Count);
        Assert.All(spread.Zip(spread.Skip(1)), p => Assert.True(p.First.Week < p.Second.Week));
        Assert.InRange(spread[^1].Week, 1, weeks);
        Assert.StartsWith("Launch the Fractions unit: ", spread[0].Title);
    }

    [Fact]
    public void AShortUnitKeepsEveryMilestoneWithinItsWeeks()
    {
        var pattern = Enumerable.Range(1, 5).Select(w => new ProjectSpark.Features.Reviews.Milestone($"step {w}", w)).ToList();
        var spread = ClassUnitFraming.Spread(pattern, 2, "Fractions");
        Assert.All(spread, m => Assert.InRange(m.Week, 1, 2));
        Assert.All(spread.Zip(spread.Skip(1)), p => Assert.True(p.First.Week <= p.Second.Week));
    }

    [Fact]
    public void InterestsAreCountedOncePerStudentIgnoringCaseAndOnlyTheTopTenKept()
    {
        var perStudent = new List<IReadOnlyList<string>>
        {
            new[] { "Basketball", "chess", "basketball " },
            new[] { "basketball", "drawing" },
            new[] { "BASKETBALL", "Chess" },
        };
        perStudent.AddRange(Enumerable.Range(0, 12).Select(i => (IReadOnlyList<string>)[$"hobby {i:00}"]));
        var counts = ProjectSpark.Features.Classes.ClassInterests.Count(perStudent);
        Assert.Equal(10, counts.Count);
        Assert.Equal(new InterestCount("basketball", 3), counts[0]);
        Assert.Equal(new InterestCount("chess", 2), counts[1]);
        Assert.Equal(1, counts[2].Students);
    }

    [Fact]
    public async Task TheClassPromptRendersWithoutAModelWithCountsAndTheTeachersData()
    {
        var prompt = PromptLibrary.Load(PromptLibraryTests.PromptsFolder, PromptLibrary.DraftClassUnitProjects)[PromptLibrary.DraftClassUnitProjects];
        Assert.Equal("draft-class-unit-projects.yaml", prompt.FileName);
        var rendered = await new KernelPromptTemplateFactory().Create(prompt.Config)
            .RenderAsync(new Kernel(), DraftPromptInputs.ForClass(Brief(["MS-LS2-1"], feedback: "more hands-on"), new PromptExecutionSettings()));
        Assert.DoesNotContain("{{", rendered);
        Assert.Equal(2, rendered.Split("<message role=").Length - 1);
        Assert.Contains("Draft exactly 3 distinct project ideas for this class unit.", rendered);
        Assert.Contains("Unit: &quot;Ratios and proportions&quot;", rendered);
        Assert.Contains("Subject: &quot;Math&quot;", rendered);
        Assert.Contains("Duration in weeks: 4", rendered);
        Assert.Contains("Teacher's standards: [&quot;MS-LS2-1&quot;]", rendered);
        Assert.Contains("Students in the class: 24", rendered);
        Assert.Contains("{&quot;interest&quot;:&quot;basketball&quot;,&quot;students&quot;:9}", rendered);
        Assert.Contains("Reviewer feedback on an earlier draft: &quot;more hands-on&quot;", rendered);
    }

    [Fact]
    public async Task WithoutStandardsTheClassPromptSaysSoAsAnEmptyList()
    {
        var prompt = PromptLibrary.Load(PromptLibraryTests.PromptsFolder)[PromptLibrary.DraftClassUnitProjects];
        var rendered = await new KernelPromptTemplateFactory().Create(prompt.Config)
            .RenderAsync(new Kernel(), DraftPromptInputs.ForClass(Brief(), new PromptExecutionSettings()));
        Assert.Contains("Teacher's standards: []", rendered);
        Assert.Contains("Never invent, guess or complete a standards code", rendered);
    }

    private static ClassDraftReplyIdea Idea(params string[] standards)
    {
        var v = DraftReplyValidatorTests.ValidIdea("basketball");
        return new ClassDraftReplyIdea
        {
            Title = v.Title, DrivingQuestion = v.DrivingQuestion, Summary = v.Summary, Milestones = v.Milestones, FinalProduct = v.FinalProduct,
            Audience = v.Audience, Skills = v.Skills, EstimatedHours = v.EstimatedHours, Materials = v.Materials, WhyItFits = v.WhyItFits,
            ConversationStarters = v.ConversationStarters, Standards = [.. standards],
        };
    }

    [Fact]
    public void AModelReplyMayOnlyCarryStandardsTheTeacherGave()
    {
        string[] interests = ["basketball"];
        Assert.Empty(DraftReplyValidator.ValidateClass(new ClassDraftReply { Ideas = [Idea("MS-LS2-1")] }, 1, interests, ["MS-LS2-1", "MP4"]));
        var invented = DraftReplyValidator.ValidateClass(new ClassDraftReply { Ideas = [Idea("MS-LS2-1", "CCSS.MATH.7.RP.A.3")] }, 1, interests, ["MS-LS2-1"]);
        Assert.Contains(invented, e => e.StartsWith("ideas[0].standards[1]") && e.Contains("was not given by the teacher"));
        var noneGiven = DraftReplyValidator.ValidateClass(new ClassDraftReply { Ideas = [Idea("MS-LS2-1")] }, 1, interests, []);
        Assert.Contains(noneGiven, e => e.StartsWith("ideas[0].standards[0] must not exist"));
        Assert.Equal(["MS-LS2-1"], Idea("MS-LS2-1").ToContent().Standards);
    }
}

using ProjectSpark.AI;

namespace ProjectSpark.UnitTests.AI;

/// <summary>One encoder for the class: MiniLM costs ~0.5 s and ~420 MB per instance.</summary>
public sealed class ComposerFixture : IDisposable
{
    public MiniLmEmbeddingGenerator Embeddings { get; } = new();
    public OfflineComposer Composer { get; }
    public ComposerFixture() => Composer = new OfflineComposer(PatternLibrary.Load(PatternLibraryTests.PatternsFolder), Embeddings);
    public void Dispose() => Embeddings.Dispose();
}

public class OfflineComposerTests(ComposerFixture fixture) : IClassFixture<ComposerFixture>
{
    private static DraftBrief Brief(string[] interests, int count = 3, int seed = 7, string? focus = null, string? feedback = null, string[]? avoid = null) =>
        new("Student 1A2B3C", 9, interests, null, null, focus, feedback, avoid ?? [], count, seed);

    [Fact]
    public async Task TheSameSeedAlwaysYieldsTheSameDrafts()
    {
        var a = await fixture.Composer.GenerateAsync(Brief(["guitar", "skateboarding", "drawing"]), default);
        var b = await fixture.Composer.GenerateAsync(Brief(["guitar", "skateboarding", "drawing"]), default);
        Assert.Equal(a.Select(d => d.Content.Title), b.Select(d => d.Content.Title));
        Assert.Equal(a.Select(d => d.Provenance.PromptVersion), b.Select(d => d.Provenance.PromptVersion));
    }

    [Fact]
    public async Task DraftsAreDistinctAndEachNamesOneOfTheStudentsOwnInterests()
    {
        string[] interests = ["horses", "country music"];
        var drafts = await fixture.Composer.GenerateAsync(Brief(interests, count: 5), default);
        Assert.Equal(5, drafts.Count);
        Assert.Equal(5, drafts.Select(d => d.PatternId).Distinct().Count());
        foreach (var d in drafts)
        {
            Assert.Contains(interests, i => d.Content.WhyItFits.Contains(i, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("{", d.Content.Title + d.Content.DrivingQuestion + d.Content.WhyItFits + d.Content.Summary);
            Assert.Equal(OfflineComposer.GeneratorName, d.Provenance.Generator);
        }
    }

    [Theory]
    [InlineData("basketball", "sport")]
    [InlineData("baking cakes", "cooking")]
    [InlineData("minecraft", "games")]
    [InlineData("my dog", "animals")]
    [InlineData("fixing up old cars", "cars")]
    [InlineData("python programming", "coding")]
    public async Task AnInterestIsMatchedToItsAreaByMeaning(string interest, string area)
    {
        var drafts = await fixture.Composer.GenerateAsync(Brief([interest], count: 1), default);
        Assert.StartsWith(area + "-", Assert.Single(drafts).PatternId);
    }

    [Fact]
    public async Task PatternsFromUnrelatedAreasAreNeverFilledWithTheStudentsInterests()
    {
        string[] unrelated = ["games-", "coding-", "cooking-", "animals-", "space-science-", "business-money-"];
        for (var seed = 1; seed <= 8; seed++)
        {
            var drafts = await fixture.Composer.GenerateAsync(Brief(["guitar", "skateboarding"], count: 5, seed: seed), default);
            Assert.Equal(5, drafts.Count);
            foreach (var d in drafts)
                Assert.False(unrelated.Any(u => d.PatternId!.StartsWith(u, StringComparison.Ordinal)), $"seed {seed}: {d.PatternId}");
        }
    }

    [Fact]
    public async Task ReviewerFeedbackSteersTheRedraft()
    {
        var drafts = await fixture.Composer.GenerateAsync(Brief(["minecraft", "baking"], count: 1, feedback: "Make it about baking and cooking for people"), default);
        Assert.StartsWith("cooking-", Assert.Single(drafts).PatternId);
        Assert.Contains("baking", drafts[0].Content.WhyItFits);
    }

    [Fact]
    public async Task PatternsTheStudentAlreadySawAreAvoided()
    {
        var first = await fixture.Composer.GenerateAsync(Brief(["soccer"], count: 2), default);
        var again = await fixture.Composer.GenerateAsync(Brief(["soccer"], count: 2, avoid: first.Select(d => d.PatternId!).ToArray()), default);
        Assert.Empty(again.Select(d => d.PatternId).Intersect(first.Select(d => d.PatternId)));
    }

    [Fact]
    public async Task AStudentWithNoInterestsIsRefusedRatherThanGivenInventedOnes()
    {
        var error = await Assert.ThrowsAsync<DraftingRefusedException>(() => fixture.Composer.GenerateAsync(Brief([]), default));
        Assert.Contains("no interests", error.Message);
    }
}

using ProjectSpark.AI;

namespace ProjectSpark.UnitTests.AI;

public class PatternLibraryTests
{
    public static string PatternsFolder => Path.Combine(AppContext.BaseDirectory, "prompts", "patterns");

    [Fact]
    public void TheShippedLibraryHasAtLeastFortyPatternsAcrossTwentyInterestAreas()
    {
        var library = PatternLibrary.Load(PatternsFolder);
        Assert.True(library.Patterns.Count >= 40, $"{library.Patterns.Count} patterns");
        Assert.True(library.Areas.Count >= 20, $"{library.Areas.Count} areas");
        foreach (var area in new[] { "music", "sport", "games", "cooking", "animals", "cars", "fashion", "art", "coding", "social-media", "environment" })
            Assert.Contains(library.Areas, a => a.Area == area);
        Assert.StartsWith("patterns@", library.Version);
    }

    [Fact]
    public void EveryPatternIsACompleteGoldStandardBrief()
    {
        foreach (var p in PatternLibrary.Load(PatternsFolder).Patterns)
        {
            Assert.Contains(PatternLibrary.Slot, p.WhyItFits);
            Assert.True(p.Title.Contains(PatternLibrary.Slot) || p.DrivingQuestion.Contains(PatternLibrary.Slot), p.Id);
            Assert.EndsWith("?", p.DrivingQuestion.Trim());
            Assert.InRange(p.Milestones.Count, 3, 6);
            Assert.InRange(p.ConversationStarters.Count, 2, 3);
            Assert.False(string.IsNullOrWhiteSpace(p.Audience), p.Id);
        }
    }

    [Fact]
    public void ABrokenPatternFileStopsLoadingWithItsFileNameAndTheFault()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        File.Copy(Path.Combine(PatternsFolder, "music.yaml"), Path.Combine(folder, "music.yaml"));
        File.WriteAllText(Path.Combine(folder, "broken.yaml"), """
            area: "broken"
            description: "A broken file"
            patterns:
              - id: "broken-one"
                title: "No slot here"
                drivingQuestion: "Why?"
                summary: "S"
                milestones:
                  - title: "a"
                    week: 2
                  - title: "b"
                    week: 1
                  - title: "c"
                    week: 3
                finalProduct: "F"
                audience: "A"
                skills: ["x"]
                estimatedHours: 10
                materials: ["m"]
                whyItFits: "It fits {interest}"
                conversationStarters: ["one", "two"]
            """);
        var error = Assert.Throws<InvalidOperationException>(() => PatternLibrary.Load(folder));
        Assert.Contains("broken.yaml", error.Message);
        Assert.Contains("weeks must ascend", error.Message);
    }

    [Fact]
    public void AnUnknownKeyOrSlotIsAFaultNotASilentSkip()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var music = File.ReadAllText(Path.Combine(PatternsFolder, "music.yaml"));
        File.WriteAllText(Path.Combine(folder, "music.yaml"), music.Replace("whyItFits: \"", "whyItFits: \"{studentName} "));
        var error = Assert.Throws<InvalidOperationException>(() => PatternLibrary.Load(folder));
        Assert.Contains("music.yaml", error.Message);
        Assert.Contains("{studentName}", error.Message);

        File.WriteAllText(Path.Combine(folder, "music.yaml"), music.Replace("area: \"music\"", "area: \"music\"\nmood: \"happy\""));
        Assert.Contains("music.yaml", Assert.Throws<InvalidOperationException>(() => PatternLibrary.Load(folder)).Message);
    }
}

using Microsoft.Extensions.Configuration;
using ProjectSpark.AI;
using ProjectSpark.Features.Reviews;

namespace ProjectSpark.UnitTests.AI;

public class QualityAssessorTests
{
    private static readonly QualityAssessor Assessor = new(new ConfigurationBuilder().Build());

    private static DraftContent Draft(string summary = "You research local parks and choose which one to improve.",
        string audience = "Neighbours at the library open evening", string why = "It starts from your love of skateboarding.") =>
        new("Skate map", "How might we make our parks better for skaters?", summary,
            [new("Interview three skaters", 1), new("Share a draft and revise it from feedback", 2), new("Write a short reflection", 3)],
            "A printed map", audience, ["Interviewing"], 12, ["Paper"], why, ["What park do you like?", "Why?"]);

    [Fact]
    public void AFullBriefCoversAllSevenGoldStandardElementsAndNamesTheInterest()
    {
        var report = Assessor.Assess(Draft(), ["skateboarding"]);
        Assert.Equal(QualityReport.Elements, report.ElementsCovered);
        Assert.Empty(report.ElementsMissing);
        Assert.True(report.WhyItFitsNamesInterest);
        Assert.Empty(report.BlocklistHits);
    }

    [Fact]
    public void AClassroomOnlyAudienceAndNoChoiceAreReportedMissing()
    {
        var report = Assessor.Assess(Draft(summary: "You research local parks.", audience: "The teacher"), ["chess"]);
        Assert.Contains("authenticity", report.ElementsMissing);
        Assert.Contains("publicProduct", report.ElementsMissing);
        Assert.Contains("voiceAndChoice", report.ElementsMissing);
        Assert.False(report.WhyItFitsNamesInterest);
    }

    [Fact]
    public void BlocklistedWordsAreFlaggedToTheReviewer()
    {
        var report = Assessor.Assess(Draft(summary: "You choose a casino theme and research it."), ["cards"]);
        Assert.Equal(["casino"], report.BlocklistHits);
    }

    [Fact]
    public void ReadingGradeRisesWithLongerWordsAndSentences()
    {
        Assert.True(QualityAssessor.ReadingGrade("We make a map. We show it.") < QualityAssessor.ReadingGrade(
            "Investigating comprehensive infrastructural considerations necessitates sophisticated interdisciplinary methodologies."));
    }

    [Fact]
    public void EveryShippedPatternCoversAllSevenElementsWhenFilledWithAnInterest()
    {
        var weak = new List<string>();
        foreach (var p in PatternLibrary.Load(PatternLibraryTests.PatternsFolder).Patterns)
        {
            string F(string t) => t.Replace(PatternLibrary.Slot, "skateboarding");
            var content = new DraftContent(F(p.Title), F(p.DrivingQuestion), F(p.Summary), p.Milestones.Select(m => new Milestone(F(m.Title), m.Week)).ToList(),
                F(p.FinalProduct), F(p.Audience), p.Skills, p.EstimatedHours, p.Materials, F(p.WhyItFits), p.ConversationStarters);
            var report = Assessor.Assess(content, ["skateboarding"]);
            if (report.ElementsMissing.Count > 0 || !report.WhyItFitsNamesInterest || report.BlocklistHits.Count > 0)
                weak.Add($"{p.Id}: missing [{string.Join(",", report.ElementsMissing)}] blocklist [{string.Join(",", report.BlocklistHits)}]");
        }
        Assert.Empty(weak);
    }
}

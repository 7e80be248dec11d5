using ProjectSpark.Features.Roster;

namespace ProjectSpark.UnitTests.Features;

public class RosterGradeTests
{
    [Theory]
    [InlineData("KG", 0)]
    [InlineData("k", 0)]
    [InlineData("09", 9)]
    [InlineData("12", 12)]
    [InlineData("1", 1)]
    public void OneRosterGradeCodesBecomeGradeLevels(string code, int expected) =>
        Assert.Equal(expected, OneRosterImport.ParseGrade(code));

    [Theory]
    [InlineData(null)]
    [InlineData("PK")]
    [InlineData("13")]
    [InlineData("-1")]
    [InlineData("Other")]
    public void AnythingThatIsNotKindergartenToTwelfthGradeIsNotGuessed(string? code) =>
        Assert.Null(OneRosterImport.ParseGrade(code));
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectSpark.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RequestTokensAndOneActivePerStudent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "InputTokens",
                table: "IdeaRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OutputTokens",
                table: "IdeaRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdeaRequests_OneActivePerStudent",
                table: "IdeaRequests",
                column: "StudentId",
                unique: true,
                filter: "\"Status\" IN ('Queued', 'Drafting')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IdeaRequests_OneActivePerStudent",
                table: "IdeaRequests");

            migrationBuilder.DropColumn(
                name: "InputTokens",
                table: "IdeaRequests");

            migrationBuilder.DropColumn(
                name: "OutputTokens",
                table: "IdeaRequests");
        }
    }
}

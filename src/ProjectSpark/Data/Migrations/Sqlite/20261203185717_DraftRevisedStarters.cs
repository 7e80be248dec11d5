using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProjectSpark.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DraftRevisedStarters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RevisedStarters",
                table: "Drafts",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RevisedStarters",
                table: "Drafts");
        }
    }
}

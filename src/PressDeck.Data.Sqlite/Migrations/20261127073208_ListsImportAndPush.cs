using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PressDeck.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ListsImportAndPush : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ImportedAt",
                table: "AccountLists",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SourceAccountId",
                table: "AccountLists",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceDescription",
                table: "AccountLists",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceListId",
                table: "AccountLists",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceNetwork",
                table: "AccountLists",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceUrl",
                table: "AccountLists",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ListPushes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    Network = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConnectedAccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    AccountHandle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    IsPrivate = table.Column<bool>(type: "INTEGER", nullable: false),
                    RemoteListId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RemoteUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AcceptedWarning = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    EnabledByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    EnabledByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EnabledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastPushedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastOutcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastPushFailed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListPushes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ListPushes_AccountLists_ListId",
                        column: x => x.ListId,
                        principalTable: "AccountLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ListPushes_DueAt",
                table: "ListPushes",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_ListPushes_ListId_Network",
                table: "ListPushes",
                columns: new[] { "ListId", "Network" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ListPushes");

            migrationBuilder.DropColumn(
                name: "ImportedAt",
                table: "AccountLists");

            migrationBuilder.DropColumn(
                name: "SourceAccountId",
                table: "AccountLists");

            migrationBuilder.DropColumn(
                name: "SourceDescription",
                table: "AccountLists");

            migrationBuilder.DropColumn(
                name: "SourceListId",
                table: "AccountLists");

            migrationBuilder.DropColumn(
                name: "SourceNetwork",
                table: "AccountLists");

            migrationBuilder.DropColumn(
                name: "SourceUrl",
                table: "AccountLists");
        }
    }
}

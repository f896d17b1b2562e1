package io.mlops.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.data.SnapshotRequest;
import io.mlops.data.SnapshotResult;
import io.mlops.data.Snapshots;
import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitLineageTest {
    @TempDir
    Path tmp;

    private Path repo;
    private Git git;
    private Snapshots snapshots;

    @BeforeEach
    void setUp() throws Exception {
        repo = tmp.resolve("repo");
        git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        git.getRepository().getConfig().setString("user", null, "name", "Test");
        git.getRepository().getConfig().setString("user", null, "email", "test@example.com");
        git.getRepository().getConfig().save();
        Files.writeString(repo.resolve("train.py"), "print('train')\n");
        git.add().addFilepattern("train.py").call();
        git.commit().setMessage("initial").call();
        snapshots = Snapshots.open(new SuiteHome(tmp.resolve("home")));
        Files.createDirectories(repo.resolve("data"));
        Files.writeString(repo.resolve("data/x.csv"), "1,2\n");
    }

    @Test
    void shouldRecordTheWorkspaceCommitAndWhetherItIsDirty() throws Exception {
        String head = git.getRepository().resolve("HEAD").name();

        SnapshotResult clean =
                snapshots.take(repo.resolve("data"), new SnapshotRequest(null, null, false, 2), ProgressListener.NONE);
        Files.writeString(repo.resolve("train.py"), "print('changed')\n");
        Files.writeString(repo.resolve("data/x.csv"), "1,3\n");
        SnapshotResult dirty =
                snapshots.take(repo.resolve("data"), new SnapshotRequest(null, null, false, 2), ProgressListener.NONE);

        assertThat(clean.snapshot().git()).isEqualTo(new GitState(head, false));
        assertThat(dirty.snapshot().git()).isEqualTo(new GitState(head, true));
    }

    @Test
    void shouldCountStagedAndDeletedTrackedFilesAsDirtyButNotUntrackedOnes() throws Exception {
        GitWorkspace workspace = GitWorkspace.containing(repo.resolve("data")).orElseThrow();
        Files.writeString(repo.resolve("notes.txt"), "untracked");
        assertThat(workspace.state().dirty()).isFalse();

        Files.writeString(repo.resolve("train.py"), "print('staged')\n");
        git.add().addFilepattern("train.py").call();
        Files.writeString(repo.resolve("train.py"), "print('train')\n");
        assertThat(workspace.state().dirty())
                .as("staged change, work tree reverted")
                .isTrue();

        git.reset().addPath("train.py").call();
        assertThat(workspace.state().dirty()).isFalse();
        Files.delete(repo.resolve("train.py"));
        assertThat(workspace.state().dirty()).as("tracked file deleted").isTrue();
    }

    @Test
    void shouldCommitOnlyThePointerFileNeverTheData() throws Exception {
        Processes.Result init = Processes.run(repo, List.of(Peers.program("dvc").toString(), "init", "-q"));
        assertThat(init.exitCode()).as(init.output()).isZero();
        Files.writeString(repo.resolve("unrelated.txt"), "staged but not part of the snapshot");
        git.add().addFilepattern("unrelated.txt").call();

        SnapshotResult result = snapshots.take(
                repo.resolve("data"), new SnapshotRequest("v1", "first data", true, 2), ProgressListener.NONE);

        RevCommit commit = git.log().setMaxCount(1).call().iterator().next();
        assertThat(commit.getId().name()).isEqualTo(result.gitCommit());
        assertThat(commit.getFullMessage())
                .startsWith("Snapshot v1 " + result.snapshot().id() + " of data")
                .contains("first data");
        assertThat(filesIn(commit)).containsExactlyInAnyOrder("data.dvc", ".gitignore");
        assertThat(repo.resolve(".gitignore")).hasContent("/data");
        assertThat(git.status().call().getAdded()).contains("unrelated.txt");
    }

    @Test
    void shouldRefuseGitCommitOutsideADvcRepository() {
        assertThatThrownBy(() -> snapshots.take(
                        repo.resolve("data"), new SnapshotRequest(null, null, true, 2), ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("--git-commit");
        assertThat(snapshots.list()).isEmpty();
    }

    private List<String> filesIn(RevCommit commit) throws IOException {
        try (var walk = new org.eclipse.jgit.treewalk.TreeWalk(git.getRepository())) {
            RevCommit parent = commit.getParent(0);
            walk.addTree(parent.getTree());
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            walk.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            List<String> paths = new java.util.ArrayList<>();
            while (walk.next()) {
                paths.add(walk.getPathString());
            }
            return paths;
        }
    }
}

package io.mlops.git;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** The Git work tree that contains a path, read and committed to with JGit. */
public final class GitWorkspace {
    private final Repository repository;
    private final Path workTree;

    private GitWorkspace(Repository repository) {
        this.repository = repository;
        this.workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
    }

    /**
     * Finds the Git work tree that contains a path.
     *
     * @param path any file or directory
     * @return the work tree, or empty when the path is not inside one
     */
    public static Optional<GitWorkspace> containing(Path path) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .readEnvironment()
                .findGitDir(path.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try {
            Repository repository = builder.build();
            if (repository.isBare()) {
                return Optional.empty();
            }
            return Optional.of(new GitWorkspace(repository));
        } catch (IOException e) {
            throw new UserError("cannot open the Git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The root of the work tree.
     *
     * @return an absolute, normalized path
     */
    public Path workTree() {
        return workTree;
    }

    /**
     * Reads the checked-out commit and whether tracked files have uncommitted changes.
     *
     * @return the state of the work tree
     */
    public GitState state() {
        try (Git git = new Git(repository)) {
            ObjectId head = repository.resolve("HEAD");
            Status status = git.status().call();
            boolean dirty = !(status.getAdded().isEmpty()
                    && status.getChanged().isEmpty()
                    && status.getRemoved().isEmpty()
                    && status.getMissing().isEmpty()
                    && status.getModified().isEmpty()
                    && status.getConflicting().isEmpty());
            return new GitState(head == null ? null : head.name(), dirty);
        } catch (IOException | GitAPIException e) {
            throw new UserError("cannot read the Git state of " + workTree + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits exactly the given files, leaving anything else staged or changed alone.
     *
     * @param files files inside the work tree (added if new)
     * @param message the commit message
     * @return the id of the new commit
     * @throws UserError when a file is outside the work tree or the commit fails
     */
    public String commitOnly(List<Path> files, String message) {
        try (Git git = new Git(repository)) {
            CommitCommand commit = git.commit().setMessage(message);
            for (Path file : files) {
                String relative = relative(file);
                git.add().addFilepattern(relative).call();
                commit.setOnly(relative);
            }
            RevCommit created = commit.call();
            return created.getId().name();
        } catch (GitAPIException e) {
            throw new UserError("cannot commit " + files + " in " + workTree + ": " + e.getMessage(), e);
        }
    }

    private String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(workTree)) {
            throw new UserError(file + " is outside the Git work tree " + workTree);
        }
        return workTree.relativize(absolute).toString().replace('\\', '/');
    }
}

# expect: not_attempted -
def train_loop(model, train_loader, val_loader, optimizer, scheduler, epochs, step_per="epoch"):
    # YOUR CODE HERE
    raise NotImplementedError("Your code here")
